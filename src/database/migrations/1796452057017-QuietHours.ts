import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuietHours1796452057017 implements MigrationInterface {
  name = 'QuietHours1796452057017';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`quiet_hours_settings\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`scope\` varchar(16) NOT NULL, \`scopeId\` int NOT NULL DEFAULT '0', \`enabled\` tinyint NOT NULL, \`timeZone\` varchar(64) NULL, \`windows\` json NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_quiet_hours_scope\` (\`tenantId\`, \`scope\`, \`scopeId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`UQ_quiet_hours_scope\` ON \`quiet_hours_settings\``);
    await queryRunner.query(`DROP TABLE \`quiet_hours_settings\``);
  }
}
