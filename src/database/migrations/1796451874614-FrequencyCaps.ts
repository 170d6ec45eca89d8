import { MigrationInterface, QueryRunner } from 'typeorm';

export class FrequencyCaps1796451874614 implements MigrationInterface {
  name = 'FrequencyCaps1796451874614';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`frequency_caps\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`webhookId\` int NOT NULL DEFAULT '0', \`enabled\` tinyint NOT NULL DEFAULT 0, \`maxMessages\` int NOT NULL, \`windowHours\` int NOT NULL, \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_frequency_caps_tenant_webhook\` (\`tenantId\`, \`webhookId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`broadcasts\` ADD \`skipped\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`delivery_stats_hourly\` ADD \`skipped\` int NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`delivery_stats_hourly\` DROP COLUMN \`skipped\``);
    await queryRunner.query(`ALTER TABLE \`broadcasts\` DROP COLUMN \`skipped\``);
    await queryRunner.query(`DROP INDEX \`UQ_frequency_caps_tenant_webhook\` ON \`frequency_caps\``);
    await queryRunner.query(`DROP TABLE \`frequency_caps\``);
  }
}
