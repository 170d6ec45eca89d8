import { MigrationInterface, QueryRunner } from 'typeorm';

export class Journeys1795469517066 implements MigrationInterface {
  name = 'Journeys1795469517066';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`journey_runs\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`journeyId\` int NOT NULL, \`versionId\` int NOT NULL, \`customerId\` int NULL, \`occurrenceKey\` varchar(100) NOT NULL, \`entryKey\` varchar(40) NULL, \`status\` varchar(16) NOT NULL, \`nodeId\` varchar(64) NULL, \`dueAt\` datetime(3) NULL, \`waitingDeliveryId\` char(36) NULL, \`context\` json NOT NULL, \`openStep\` json NULL, \`steps\` int NOT NULL DEFAULT '0', \`error\` varchar(500) NULL, \`claimToken\` char(36) NULL, \`lockedUntil\` datetime(3) NULL, \`finishedAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_journey_runs_delivery\` (\`waitingDeliveryId\`), INDEX \`IDX_journey_runs_due\` (\`status\`, \`dueAt\`), INDEX \`IDX_journey_runs_journey_customer\` (\`journeyId\`, \`customerId\`, \`id\`), INDEX \`IDX_journey_runs_journey_status\` (\`journeyId\`, \`status\`, \`id\`), UNIQUE INDEX \`UQ_journey_runs_entry\` (\`journeyId\`, \`entryKey\`), UNIQUE INDEX \`UQ_journey_runs_occurrence\` (\`journeyId\`, \`occurrenceKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`journey_steps\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`runId\` bigint NOT NULL, \`nodeId\` varchar(64) NOT NULL, \`nodeType\` varchar(16) NOT NULL, \`outcome\` varchar(16) NOT NULL, \`startedAt\` datetime(3) NOT NULL, \`finishedAt\` datetime(3) NULL, \`deliveryId\` char(36) NULL, \`detail\` json NULL, INDEX \`IDX_journey_steps_run\` (\`runId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`journey_versions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`journeyId\` int NOT NULL, \`version\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`reentry\` varchar(8) NOT NULL, \`definition\` json NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_journey_versions_journey_version\` (\`journeyId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`journeys\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`status\` varchar(16) NOT NULL, \`reentry\` varchar(8) NOT NULL, \`definition\` json NOT NULL, \`triggerType\` varchar(32) NOT NULL, \`triggerRef\` varchar(64) NULL, \`versionId\` int NULL, \`version\` int NOT NULL DEFAULT '0', \`activatedAt\` datetime(3) NULL, \`archivedAt\` datetime(3) NULL, \`entryCursor\` int NOT NULL DEFAULT '0', \`entryDone\` tinyint NOT NULL DEFAULT 0, \`entryMaxCustomerId\` int NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_journeys_trigger\` (\`tenantId\`, \`status\`, \`triggerType\`, \`triggerRef\`), INDEX \`IDX_journeys_tenant_id\` (\`tenantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`deliveries\` ADD \`journeyRunId\` bigint NULL`);
    await queryRunner.query(`ALTER TABLE \`event_outbox\` ADD \`previous\` json NULL`);
    await queryRunner.query(`ALTER TABLE \`event_outbox\` ADD \`silent\` tinyint NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`event_outbox\` DROP COLUMN \`silent\``);
    await queryRunner.query(`ALTER TABLE \`event_outbox\` DROP COLUMN \`previous\``);
    await queryRunner.query(`ALTER TABLE \`deliveries\` DROP COLUMN \`journeyRunId\``);
    await queryRunner.query(`DROP INDEX \`IDX_journeys_tenant_id\` ON \`journeys\``);
    await queryRunner.query(`DROP INDEX \`IDX_journeys_trigger\` ON \`journeys\``);
    await queryRunner.query(`DROP TABLE \`journeys\``);
    await queryRunner.query(`DROP INDEX \`UQ_journey_versions_journey_version\` ON \`journey_versions\``);
    await queryRunner.query(`DROP TABLE \`journey_versions\``);
    await queryRunner.query(`DROP INDEX \`IDX_journey_steps_run\` ON \`journey_steps\``);
    await queryRunner.query(`DROP TABLE \`journey_steps\``);
    await queryRunner.query(`DROP INDEX \`UQ_journey_runs_occurrence\` ON \`journey_runs\``);
    await queryRunner.query(`DROP INDEX \`UQ_journey_runs_entry\` ON \`journey_runs\``);
    await queryRunner.query(`DROP INDEX \`IDX_journey_runs_journey_status\` ON \`journey_runs\``);
    await queryRunner.query(`DROP INDEX \`IDX_journey_runs_journey_customer\` ON \`journey_runs\``);
    await queryRunner.query(`DROP INDEX \`IDX_journey_runs_due\` ON \`journey_runs\``);
    await queryRunner.query(`DROP INDEX \`IDX_journey_runs_delivery\` ON \`journey_runs\``);
    await queryRunner.query(`DROP TABLE \`journey_runs\``);
  }
}
