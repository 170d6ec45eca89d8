import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboundTriggers1795470583539 implements MigrationInterface {
  name = 'InboundTriggers1795470583539';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`inbound_requests\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`triggerId\` int NOT NULL, \`method\` varchar(8) NOT NULL, \`clientIp\` varchar(45) NOT NULL, \`headers\` json NOT NULL, \`query\` json NOT NULL, \`body\` text NOT NULL, \`bodyTruncated\` tinyint NOT NULL DEFAULT 0, \`deliveryKey\` varchar(200) NULL, \`verdict\` varchar(24) NOT NULL, \`status\` smallint NOT NULL DEFAULT '0', \`runId\` bigint NULL, \`error\` varchar(500) NULL, \`response\` json NULL, \`durationMs\` int NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_inbound_requests_delivery\` (\`triggerId\`, \`deliveryKey\`), INDEX \`IDX_inbound_requests_trigger\` (\`triggerId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`inbound_triggers\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`key\` varchar(64) NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`methods\` json NOT NULL, \`mode\` varchar(8) NOT NULL, \`syncTimeoutMs\` int NOT NULL DEFAULT '10000', \`journeyId\` int NULL, \`response\` json NULL, \`customerMatch\` json NULL, \`checks\` json NOT NULL, \`secrets\` json NOT NULL, \`idHeader\` varchar(100) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), \`deletedAt\` datetime(3) NULL, INDEX \`IDX_inbound_triggers_tenant_id\` (\`tenantId\`, \`id\`), UNIQUE INDEX \`UQ_inbound_triggers_key\` (\`key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`UQ_inbound_triggers_key\` ON \`inbound_triggers\``);
    await queryRunner.query(`DROP INDEX \`IDX_inbound_triggers_tenant_id\` ON \`inbound_triggers\``);
    await queryRunner.query(`DROP TABLE \`inbound_triggers\``);
    await queryRunner.query(`DROP INDEX \`IDX_inbound_requests_trigger\` ON \`inbound_requests\``);
    await queryRunner.query(`DROP INDEX \`UQ_inbound_requests_delivery\` ON \`inbound_requests\``);
    await queryRunner.query(`DROP TABLE \`inbound_requests\``);
  }
}
