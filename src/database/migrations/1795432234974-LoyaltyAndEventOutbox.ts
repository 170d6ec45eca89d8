import { MigrationInterface, QueryRunner } from 'typeorm';

export class LoyaltyAndEventOutbox1795432234974 implements MigrationInterface {
  name = 'LoyaltyAndEventOutbox1795432234974';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`event_outbox\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`type\` varchar(64) NOT NULL, \`payload\` json NOT NULL, \`customerId\` int NULL, \`origin\` varchar(16) NOT NULL, \`claimToken\` char(36) NULL, \`lockedUntil\` datetime(3) NULL, \`relayedAt\` datetime(3) NULL, \`deliveries\` int NOT NULL DEFAULT '0', \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_event_outbox_tenant_type\` (\`tenantId\`, \`type\`, \`id\`), INDEX \`IDX_event_outbox_tenant_id\` (\`tenantId\`, \`id\`), INDEX \`IDX_event_outbox_pending\` (\`relayedAt\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`loyalty_coupon_codes\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`couponId\` int NOT NULL, \`membershipId\` int NOT NULL, \`code\` varchar(32) NOT NULL, \`origin\` varchar(16) NOT NULL, \`batchId\` varchar(36) NULL, \`redeemedAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_loyalty_coupon_codes_batch\` (\`batchId\`), UNIQUE INDEX \`UQ_loyalty_coupon_codes_coupon_membership\` (\`couponId\`, \`membershipId\`), UNIQUE INDEX \`UQ_loyalty_coupon_codes_tenant_code\` (\`tenantId\`, \`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`loyalty_coupons\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`startDate\` datetime(3) NOT NULL, \`endDate\` datetime(3) NOT NULL, \`stock\` int NULL, \`issued\` int NOT NULL DEFAULT '0', \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_loyalty_coupons_tenant_id\` (\`tenantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`loyalty_levels\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(100) NOT NULL, \`rank\` int NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_loyalty_levels_tenant_name\` (\`tenantId\`, \`name\`), UNIQUE INDEX \`UQ_loyalty_levels_tenant_rank\` (\`tenantId\`, \`rank\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`loyalty_memberships\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`customerId\` int NOT NULL, \`levelId\` int NOT NULL, \`points\` int NOT NULL DEFAULT '0', \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_loyalty_memberships_tenant_customer\` (\`tenantId\`, \`customerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`deliveries\` ADD \`eventId\` bigint NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`UQ_deliveries_event_webhook\` ON \`deliveries\` (\`eventId\`, \`webhookId\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`UQ_deliveries_event_webhook\` ON \`deliveries\``);
    await queryRunner.query(`ALTER TABLE \`deliveries\` DROP COLUMN \`eventId\``);
    await queryRunner.query(`DROP INDEX \`UQ_loyalty_memberships_tenant_customer\` ON \`loyalty_memberships\``);
    await queryRunner.query(`DROP TABLE \`loyalty_memberships\``);
    await queryRunner.query(`DROP INDEX \`UQ_loyalty_levels_tenant_rank\` ON \`loyalty_levels\``);
    await queryRunner.query(`DROP INDEX \`UQ_loyalty_levels_tenant_name\` ON \`loyalty_levels\``);
    await queryRunner.query(`DROP TABLE \`loyalty_levels\``);
    await queryRunner.query(`DROP INDEX \`IDX_loyalty_coupons_tenant_id\` ON \`loyalty_coupons\``);
    await queryRunner.query(`DROP TABLE \`loyalty_coupons\``);
    await queryRunner.query(`DROP INDEX \`UQ_loyalty_coupon_codes_tenant_code\` ON \`loyalty_coupon_codes\``);
    await queryRunner.query(`DROP INDEX \`UQ_loyalty_coupon_codes_coupon_membership\` ON \`loyalty_coupon_codes\``);
    await queryRunner.query(`DROP INDEX \`IDX_loyalty_coupon_codes_batch\` ON \`loyalty_coupon_codes\``);
    await queryRunner.query(`DROP TABLE \`loyalty_coupon_codes\``);
    await queryRunner.query(`DROP INDEX \`IDX_event_outbox_pending\` ON \`event_outbox\``);
    await queryRunner.query(`DROP INDEX \`IDX_event_outbox_tenant_id\` ON \`event_outbox\``);
    await queryRunner.query(`DROP INDEX \`IDX_event_outbox_tenant_type\` ON \`event_outbox\``);
    await queryRunner.query(`DROP TABLE \`event_outbox\``);
  }
}
