import { MigrationInterface, QueryRunner } from 'typeorm';

export class Forms1795471027230 implements MigrationInterface {
  name = 'Forms1795471027230';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`form_submissions\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`formId\` int NOT NULL, \`customerId\` int NULL, \`data\` json NOT NULL, \`deliveryIds\` json NOT NULL, \`runIds\` json NOT NULL, \`clientAddress\` varchar(64) NULL, \`userAgent\` varchar(500) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_form_submissions_form_id\` (\`formId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`forms\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`publicKey\` varchar(64) NOT NULL, \`title\` varchar(200) NULL, \`description\` varchar(2000) NULL, \`fields\` json NOT NULL, \`webhookIds\` json NOT NULL, \`thankYouText\` varchar(2000) NULL, \`redirectUrl\` varchar(2048) NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), \`deletedAt\` datetime(3) NULL, UNIQUE INDEX \`UQ_forms_public_key\` (\`publicKey\`), INDEX \`IDX_forms_tenant_id\` (\`tenantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_forms_tenant_id\` ON \`forms\``);
    await queryRunner.query(`DROP INDEX \`UQ_forms_public_key\` ON \`forms\``);
    await queryRunner.query(`DROP TABLE \`forms\``);
    await queryRunner.query(`DROP INDEX \`IDX_form_submissions_form_id\` ON \`form_submissions\``);
    await queryRunner.query(`DROP TABLE \`form_submissions\``);
  }
}
