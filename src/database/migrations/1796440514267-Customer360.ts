import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer 360: each timeline source is read by (tenantId, customerId, createdAt); inbound requests
 * remember the customer their trigger matched; a member's coupon codes are read by membership.
 */
export class Customer3601796440514267 implements MigrationInterface {
  name = 'Customer3601796440514267';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`inbound_requests\` ADD \`customerId\` int NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_deliveries_tenant_customer_time\` ON \`deliveries\` (\`tenantId\`, \`customerId\`, \`createdAt\`)`);
    await queryRunner.query(`CREATE INDEX \`IDX_event_outbox_tenant_customer_time\` ON \`event_outbox\` (\`tenantId\`, \`customerId\`, \`createdAt\`)`);
    await queryRunner.query(`CREATE INDEX \`IDX_form_submissions_tenant_customer_time\` ON \`form_submissions\` (\`tenantId\`, \`customerId\`, \`createdAt\`)`);
    await queryRunner.query(`CREATE INDEX \`IDX_inbound_requests_tenant_customer_time\` ON \`inbound_requests\` (\`tenantId\`, \`customerId\`, \`createdAt\`)`);
    await queryRunner.query(`CREATE INDEX \`IDX_journey_runs_tenant_customer_time\` ON \`journey_runs\` (\`tenantId\`, \`customerId\`, \`createdAt\`)`);
    await queryRunner.query(`CREATE INDEX \`IDX_loyalty_coupon_codes_membership\` ON \`loyalty_coupon_codes\` (\`membershipId\`, \`id\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_loyalty_coupon_codes_membership\` ON \`loyalty_coupon_codes\``);
    await queryRunner.query(`DROP INDEX \`IDX_journey_runs_tenant_customer_time\` ON \`journey_runs\``);
    await queryRunner.query(`DROP INDEX \`IDX_inbound_requests_tenant_customer_time\` ON \`inbound_requests\``);
    await queryRunner.query(`DROP INDEX \`IDX_form_submissions_tenant_customer_time\` ON \`form_submissions\``);
    await queryRunner.query(`DROP INDEX \`IDX_event_outbox_tenant_customer_time\` ON \`event_outbox\``);
    await queryRunner.query(`DROP INDEX \`IDX_deliveries_tenant_customer_time\` ON \`deliveries\``);
    await queryRunner.query(`ALTER TABLE \`inbound_requests\` DROP COLUMN \`customerId\``);
  }
}
