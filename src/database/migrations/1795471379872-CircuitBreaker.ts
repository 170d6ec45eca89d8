import { MigrationInterface, QueryRunner } from 'typeorm';

export class CircuitBreaker1795471379872 implements MigrationInterface {
  name = 'CircuitBreaker1795471379872';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`circuitBreakerThreshold\` int NOT NULL DEFAULT '20'`);
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`circuitState\` varchar(16) NOT NULL DEFAULT 'closed'`);
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`circuitFailures\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`circuitOpenedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`circuitReason\` varchar(500) NULL`);
    await queryRunner.query(`ALTER TABLE \`webhooks\` ADD \`circuitEpoch\` int NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`circuitEpoch\``);
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`circuitReason\``);
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`circuitOpenedAt\``);
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`circuitFailures\``);
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`circuitState\``);
    await queryRunner.query(`ALTER TABLE \`webhooks\` DROP COLUMN \`circuitBreakerThreshold\``);
  }
}
