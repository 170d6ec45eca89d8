import { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketingControlsBase1796451171094 implements MigrationInterface {
  name = 'MarketingControlsBase1796451171094';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`deliveries\` ADD \`skipReason\` varchar(32) NULL`);
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`transactional\` tinyint NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`transactional\``);
    await queryRunner.query(`ALTER TABLE \`deliveries\` DROP COLUMN \`skipReason\``);
  }
}
