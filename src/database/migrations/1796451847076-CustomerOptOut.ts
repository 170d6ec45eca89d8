import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerOptOut1796451847076 implements MigrationInterface {
  name = 'CustomerOptOut1796451847076';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`customers\` ADD \`unsubscribedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`customers\` ADD \`unsubscribedVia\` varchar(16) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`customers\` DROP COLUMN \`unsubscribedVia\``);
    await queryRunner.query(`ALTER TABLE \`customers\` DROP COLUMN \`unsubscribedAt\``);
  }
}
