import { MigrationInterface, QueryRunner } from 'typeorm';

export class AttemptRequestUrlBody1796451977457 implements MigrationInterface {
  name = 'AttemptRequestUrlBody1796451977457';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`delivery_attempts\` ADD \`requestUrl\` varchar(2048) NULL`);
    await queryRunner.query(`ALTER TABLE \`delivery_attempts\` ADD \`requestBody\` mediumtext NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`delivery_attempts\` DROP COLUMN \`requestBody\``);
    await queryRunner.query(`ALTER TABLE \`delivery_attempts\` DROP COLUMN \`requestUrl\``);
  }
}
