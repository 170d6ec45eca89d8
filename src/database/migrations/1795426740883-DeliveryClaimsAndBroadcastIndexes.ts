import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryClaimsAndBroadcastIndexes1795426740883 implements MigrationInterface {
  name = 'DeliveryClaimsAndBroadcastIndexes1795426740883';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`deliveries\` ADD \`claimToken\` char(36) NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_deliveries_broadcast_status\` ON \`deliveries\` (\`broadcastId\`, \`status\`)`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`UQ_deliveries_broadcast_customer\` ON \`deliveries\` (\`broadcastId\`, \`customerId\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`UQ_deliveries_broadcast_customer\` ON \`deliveries\``);
    await queryRunner.query(`DROP INDEX \`IDX_deliveries_broadcast_status\` ON \`deliveries\``);
    await queryRunner.query(`ALTER TABLE \`deliveries\` DROP COLUMN \`claimToken\``);
  }
}
