import { MigrationInterface, QueryRunner } from 'typeorm';

export class TeamRolesAndKeyScopes1796473961320 implements MigrationInterface {
  name = 'TeamRolesAndKeyScopes1796473961320';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`console_users\` ADD \`role\` varchar(16) NOT NULL DEFAULT 'admin'`);
    // Existing users had every right: the first of each tenant becomes its owner, the others admins.
    await queryRunner.query(
      `UPDATE \`console_users\` u JOIN (SELECT tenantId, MIN(id) AS id FROM \`console_users\` GROUP BY tenantId) f ON f.id = u.id SET u.role = 'owner'`,
    );
    // Existing keys keep full access: scope `admin`.
    await queryRunner.query(`ALTER TABLE \`api_keys\` ADD \`scopes\` varchar(700) NOT NULL DEFAULT 'admin'`);
    await queryRunner.query(`ALTER TABLE \`api_keys\` ADD \`expiresAt\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`api_keys\` DROP COLUMN \`expiresAt\``);
    await queryRunner.query(`ALTER TABLE \`api_keys\` DROP COLUMN \`scopes\``);
    await queryRunner.query(`ALTER TABLE \`console_users\` DROP COLUMN \`role\``);
  }
}
