import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook's success rule (when a 2xx answer is a success: DMS and chat robots say no in the body) and whether
 * a rejected answer is retried. Existing webhooks keep the status alone (NULL) and fail rejections at once.
 */
export class WebhookSuccessRule1796441624872 implements MigrationInterface {
  name = 'WebhookSuccessRule1796441624872';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`successRule\` json NULL`);
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`retryRejected\` tinyint NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`retryRejected\``);
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`successRule\``);
  }
}
