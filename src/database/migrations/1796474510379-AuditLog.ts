import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1796474510379 implements MigrationInterface {
  name = 'AuditLog1796474510379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`audit_log\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`actorType\` varchar(16) NOT NULL, \`actorId\` int NULL, \`actorLabel\` varchar(320) NULL, \`ip\` varchar(64) NULL, \`resource\` varchar(32) NOT NULL, \`resourceId\` varchar(64) NULL, \`action\` varchar(32) NOT NULL, \`diff\` mediumtext NULL, INDEX \`IDX_audit_at\` (\`tenantId\`, \`at\`), INDEX \`IDX_audit_action\` (\`tenantId\`, \`action\`, \`id\`), INDEX \`IDX_audit_resource\` (\`tenantId\`, \`resource\`, \`resourceId\`, \`id\`), INDEX \`IDX_audit_actor\` (\`tenantId\`, \`actorType\`, \`actorId\`, \`id\`), INDEX \`IDX_audit_tenant_id\` (\`tenantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_audit_tenant_id\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_actor\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_resource\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_action\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_at\` ON \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`audit_log\``);
  }
}
