import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795423504067 implements MigrationInterface {
  name = 'Foundation1795423504067';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`customers\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(200) NULL, \`wechatNickname\` varchar(200) NULL, \`mobile\` varchar(32) NULL, \`email\` varchar(254) NULL, \`activityScore\` int NOT NULL DEFAULT '0', \`attributes\` json NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), \`deletedAt\` datetime(3) NULL, \`tombstone\` int NOT NULL DEFAULT '0', INDEX \`IDX_customers_tenant_score\` (\`tenantId\`, \`activityScore\`), INDEX \`IDX_customers_tenant_live\` (\`tenantId\`, \`tombstone\`, \`id\`), UNIQUE INDEX \`UQ_customers_tenant_email\` (\`tenantId\`, \`email\`, \`tombstone\`), UNIQUE INDEX \`UQ_customers_tenant_mobile\` (\`tenantId\`, \`mobile\`, \`tombstone\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`customer_groups\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(100) NOT NULL, \`description\` varchar(500) NULL, \`type\` varchar(16) NOT NULL, \`rule\` json NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_customer_groups_tenant_name\` (\`tenantId\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`group_members\` (\`groupId\` int NOT NULL, \`customerId\` int NOT NULL, \`tenantId\` int NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_group_members_customer\` (\`customerId\`), PRIMARY KEY (\`groupId\`, \`customerId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tenants\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(100) NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`api_keys\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(100) NOT NULL, \`prefix\` varchar(16) NOT NULL, \`hash\` char(64) NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`lastUsedAt\` datetime(3) NULL, \`revokedAt\` datetime(3) NULL, INDEX \`IDX_2cd545077d6e6e8378b051cf1b\` (\`tenantId\`), UNIQUE INDEX \`IDX_598a14447f592c12d1fe22ba91\` (\`hash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`group_members\` ADD CONSTRAINT \`FK_1aa8d31831c3126947e7a713c2b\` FOREIGN KEY (\`groupId\`) REFERENCES \`customer_groups\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`group_members\` ADD CONSTRAINT \`FK_4590cdc676e415f3b03cf37af6d\` FOREIGN KEY (\`customerId\`) REFERENCES \`customers\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`api_keys\` ADD CONSTRAINT \`FK_2cd545077d6e6e8378b051cf1b7\` FOREIGN KEY (\`tenantId\`) REFERENCES \`tenants\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`api_keys\` DROP FOREIGN KEY \`FK_2cd545077d6e6e8378b051cf1b7\``);
    await queryRunner.query(`ALTER TABLE \`group_members\` DROP FOREIGN KEY \`FK_4590cdc676e415f3b03cf37af6d\``);
    await queryRunner.query(`ALTER TABLE \`group_members\` DROP FOREIGN KEY \`FK_1aa8d31831c3126947e7a713c2b\``);
    await queryRunner.query(`DROP INDEX \`IDX_598a14447f592c12d1fe22ba91\` ON \`api_keys\``);
    await queryRunner.query(`DROP INDEX \`IDX_2cd545077d6e6e8378b051cf1b\` ON \`api_keys\``);
    await queryRunner.query(`DROP TABLE \`api_keys\``);
    await queryRunner.query(`DROP TABLE \`tenants\``);
    await queryRunner.query(`DROP INDEX \`IDX_group_members_customer\` ON \`group_members\``);
    await queryRunner.query(`DROP TABLE \`group_members\``);
    await queryRunner.query(`DROP INDEX \`UQ_customer_groups_tenant_name\` ON \`customer_groups\``);
    await queryRunner.query(`DROP TABLE \`customer_groups\``);
    await queryRunner.query(`DROP INDEX \`UQ_customers_tenant_mobile\` ON \`customers\``);
    await queryRunner.query(`DROP INDEX \`UQ_customers_tenant_email\` ON \`customers\``);
    await queryRunner.query(`DROP INDEX \`IDX_customers_tenant_live\` ON \`customers\``);
    await queryRunner.query(`DROP INDEX \`IDX_customers_tenant_score\` ON \`customers\``);
    await queryRunner.query(`DROP TABLE \`customers\``);
  }
}
