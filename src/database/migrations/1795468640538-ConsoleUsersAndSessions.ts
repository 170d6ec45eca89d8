import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsoleUsersAndSessions1795468640538 implements MigrationInterface {
  name = 'ConsoleUsersAndSessions1795468640538';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`console_users\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`email\` varchar(254) NOT NULL, \`name\` varchar(100) NULL, \`passwordHash\` varchar(100) NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`lastLoginAt\` datetime(3) NULL, INDEX \`IDX_26ad6fff06584eaa7d6a2a4821\` (\`tenantId\`), UNIQUE INDEX \`UQ_console_users_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`console_sessions\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`tokenHash\` char(64) NOT NULL, \`userId\` int NOT NULL, \`tenantId\` int NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`expiresAt\` datetime(3) NOT NULL, UNIQUE INDEX \`UQ_console_sessions_token\` (\`tokenHash\`), INDEX \`IDX_3dd4ff1200cb5b1c00039d6965\` (\`userId\`), INDEX \`IDX_console_sessions_expires\` (\`expiresAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`console_users\` ADD CONSTRAINT \`FK_26ad6fff06584eaa7d6a2a4821e\` FOREIGN KEY (\`tenantId\`) REFERENCES \`tenants\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`console_sessions\` ADD CONSTRAINT \`FK_3dd4ff1200cb5b1c00039d69654\` FOREIGN KEY (\`userId\`) REFERENCES \`console_users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`console_sessions\` DROP FOREIGN KEY \`FK_3dd4ff1200cb5b1c00039d69654\``);
    await queryRunner.query(`ALTER TABLE \`console_users\` DROP FOREIGN KEY \`FK_26ad6fff06584eaa7d6a2a4821e\``);
    await queryRunner.query(`DROP INDEX \`IDX_console_sessions_expires\` ON \`console_sessions\``);
    await queryRunner.query(`DROP INDEX \`IDX_3dd4ff1200cb5b1c00039d6965\` ON \`console_sessions\``);
    await queryRunner.query(`DROP INDEX \`UQ_console_sessions_token\` ON \`console_sessions\``);
    await queryRunner.query(`DROP TABLE \`console_sessions\``);
    await queryRunner.query(`DROP INDEX \`UQ_console_users_email\` ON \`console_users\``);
    await queryRunner.query(`DROP INDEX \`IDX_26ad6fff06584eaa7d6a2a4821\` ON \`console_users\``);
    await queryRunner.query(`DROP TABLE \`console_users\``);
  }
}
