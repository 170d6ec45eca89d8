import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery ids, claim tokens, status and source become ASCII with a binary collation (they are
 * ASCII; utf8mb4_unicode_ci made every comparison in the primary key and the status indexes a UCA
 * weight walk). Written by hand: TypeORM's migration:generate does not diff charset/collation.
 * MODIFY keeps each column's type, nullability and default; the indexes over them are rebuilt.
 */
export class DeliveryKeysAscii1796462857202 implements MigrationInterface {
  name = 'DeliveryKeysAscii1796462857202';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `deliveries` MODIFY `id` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY `source` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY `status` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'pending', MODIFY `claimToken` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL",
    );
    await queryRunner.query('ALTER TABLE `delivery_attempts` MODIFY `deliveryId` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `delivery_attempts` MODIFY `deliveryId` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL');
    await queryRunner.query(
      "ALTER TABLE `deliveries` MODIFY `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL, MODIFY `source` varchar(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL, MODIFY `status` varchar(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'pending', MODIFY `claimToken` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL",
    );
  }
}
