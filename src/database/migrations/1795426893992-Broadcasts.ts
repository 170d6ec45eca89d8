import { MigrationInterface, QueryRunner } from 'typeorm';

export class Broadcasts1795426893992 implements MigrationInterface {
  name = 'Broadcasts1795426893992';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`broadcasts\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`webhookId\` int NOT NULL, \`groupId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`status\` varchar(32) NOT NULL, \`scheduledAt\` datetime(3) NULL, \`startedAt\` datetime(3) NULL, \`completedAt\` datetime(3) NULL, \`cancelledAt\` datetime(3) NULL, \`claimToken\` char(36) NULL, \`total\` int NOT NULL DEFAULT '0', \`delivered\` int NOT NULL DEFAULT '0', \`failed\` int NOT NULL DEFAULT '0', \`cancelled\` int NOT NULL DEFAULT '0', \`fanoutCursor\` int NOT NULL DEFAULT '0', \`fanoutDone\` tinyint NOT NULL DEFAULT 0, \`recipientMaxCustomerId\` int NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_broadcasts_due\` (\`status\`, \`scheduledAt\`), INDEX \`IDX_broadcasts_tenant_webhook\` (\`tenantId\`, \`webhookId\`, \`id\`), INDEX \`IDX_broadcasts_tenant_id\` (\`tenantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_broadcasts_tenant_id\` ON \`broadcasts\``);
    await queryRunner.query(`DROP INDEX \`IDX_broadcasts_tenant_webhook\` ON \`broadcasts\``);
    await queryRunner.query(`DROP INDEX \`IDX_broadcasts_due\` ON \`broadcasts\``);
    await queryRunner.query(`DROP TABLE \`broadcasts\``);
  }
}
