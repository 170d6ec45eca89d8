import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries name their source generically — (source, sourceId, dedupeKey) — instead of one column
 * per caller (broadcastId, eventId, journeyRunId), so a new source does not touch the engine.
 * Existing rows keep their links: the ids move into sourceId, and the keys that made mass sends and
 * fixed events unique (customer, webhook) into dedupeKey. Form messages made before this have no
 * sourceId (their submission lists them, as before).
 */
export class DeliverySource1796429160244 implements MigrationInterface {
  name = 'DeliverySource1796429160244';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `deliveries` ADD `sourceId` bigint NULL, ADD `dedupeKey` bigint NULL');
    await queryRunner.query(
      'UPDATE `deliveries` SET `sourceId` = COALESCE(`broadcastId`, `eventId`, `journeyRunId`), ' +
        '`dedupeKey` = CASE WHEN `broadcastId` IS NOT NULL THEN `customerId` WHEN `eventId` IS NOT NULL THEN `webhookId` END',
    );
    await queryRunner.query(
      'ALTER TABLE `deliveries` DROP INDEX `UQ_deliveries_broadcast_customer`, DROP INDEX `UQ_deliveries_event_webhook`, ' +
        'DROP INDEX `IDX_deliveries_broadcast_status`, DROP COLUMN `broadcastId`, DROP COLUMN `eventId`, DROP COLUMN `journeyRunId`, ' +
        'ADD INDEX `IDX_deliveries_source_status` (`source`, `sourceId`, `status`), ' +
        'ADD UNIQUE INDEX `UQ_deliveries_source_dedupe` (`source`, `sourceId`, `dedupeKey`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `deliveries` ADD `broadcastId` int NULL, ADD `eventId` bigint NULL, ADD `journeyRunId` bigint NULL');
    await queryRunner.query(
      "UPDATE `deliveries` SET `broadcastId` = IF(`source` = 'broadcast', `sourceId`, NULL), " +
        "`eventId` = IF(`source` = 'event', `sourceId`, NULL), `journeyRunId` = IF(`source` = 'journey', `sourceId`, NULL)",
    );
    await queryRunner.query(
      'ALTER TABLE `deliveries` DROP INDEX `UQ_deliveries_source_dedupe`, DROP INDEX `IDX_deliveries_source_status`, ' +
        'DROP COLUMN `dedupeKey`, DROP COLUMN `sourceId`, ' +
        'ADD INDEX `IDX_deliveries_broadcast_status` (`broadcastId`, `status`), ' +
        'ADD UNIQUE INDEX `UQ_deliveries_event_webhook` (`eventId`, `webhookId`), ' +
        'ADD UNIQUE INDEX `UQ_deliveries_broadcast_customer` (`broadcastId`, `customerId`)',
    );
  }
}
