import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhooksAndDeliveries1795424993418 implements MigrationInterface {
  name = 'WebhooksAndDeliveries1795424993418';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`delivery_attempts\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`deliveryId\` char(36) NOT NULL, \`tenantId\` int NOT NULL, \`number\` int NOT NULL, \`startedAt\` datetime(3) NOT NULL, \`durationMs\` int NOT NULL, \`requestHeaders\` json NOT NULL, \`statusCode\` smallint NULL, \`responseHeaders\` json NULL, \`responseBody\` mediumtext NULL, \`responseTruncated\` tinyint NOT NULL DEFAULT 0, \`errorClass\` varchar(16) NULL, \`error\` varchar(500) NULL, \`verdict\` varchar(16) NOT NULL, UNIQUE INDEX \`UQ_delivery_attempts_number\` (\`deliveryId\`, \`number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`deliveries\` (\`id\` char(36) NOT NULL, \`tenantId\` int NOT NULL, \`webhookId\` int NOT NULL, \`source\` varchar(16) NOT NULL, \`event\` varchar(64) NOT NULL, \`customerId\` int NULL, \`broadcastId\` int NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`attempts\` int NOT NULL DEFAULT '0', \`maxAttempts\` int NOT NULL, \`nextAttemptAt\` datetime(3) NULL, \`lockedUntil\` datetime(3) NULL, \`throttledUntil\` datetime(3) NULL, \`requestMethod\` varchar(8) NOT NULL, \`requestUrl\` varchar(2048) NOT NULL, \`requestHeaders\` json NOT NULL, \`requestBody\` mediumtext NOT NULL, \`lastStatusCode\` smallint NULL, \`lastErrorClass\` varchar(16) NULL, \`lastError\` varchar(500) NULL, \`deliveredAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_deliveries_due\` (\`status\`, \`nextAttemptAt\`), INDEX \`IDX_deliveries_tenant_customer\` (\`tenantId\`, \`customerId\`, \`id\`), INDEX \`IDX_deliveries_tenant_status\` (\`tenantId\`, \`status\`, \`id\`), INDEX \`IDX_deliveries_tenant_webhook\` (\`tenantId\`, \`webhookId\`, \`id\`), INDEX \`IDX_deliveries_tenant_id\` (\`tenantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`webhooks\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tenantId\` int NOT NULL, \`name\` varchar(100) NOT NULL, \`url\` varchar(2048) NOT NULL, \`method\` varchar(8) NOT NULL DEFAULT 'POST', \`headers\` json NOT NULL, \`bodyTemplate\` json NULL, \`secret\` varchar(256) NULL, \`previousSecret\` varchar(256) NULL, \`previousSecretExpiresAt\` datetime(3) NULL, \`signatureScheme\` varchar(16) NOT NULL, \`basicAuthUsername\` varchar(200) NULL, \`basicAuthPassword\` varchar(500) NULL, \`triggerType\` varchar(16) NOT NULL, \`events\` json NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`disabledReason\` varchar(500) NULL, \`timeoutMs\` int NOT NULL DEFAULT '10000', \`maxAttempts\` int NOT NULL DEFAULT '7', \`backoffBaseMs\` int NOT NULL DEFAULT '5000', \`concurrency\` int NOT NULL DEFAULT '20', \`rateLimitPerMinute\` int NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), \`deletedAt\` datetime(3) NULL, INDEX \`IDX_webhooks_tenant_trigger\` (\`tenantId\`, \`triggerType\`, \`enabled\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_webhooks_tenant_trigger\` ON \`webhooks\``);
    await queryRunner.query(`DROP TABLE \`webhooks\``);
    await queryRunner.query(`DROP INDEX \`IDX_deliveries_tenant_id\` ON \`deliveries\``);
    await queryRunner.query(`DROP INDEX \`IDX_deliveries_tenant_webhook\` ON \`deliveries\``);
    await queryRunner.query(`DROP INDEX \`IDX_deliveries_tenant_status\` ON \`deliveries\``);
    await queryRunner.query(`DROP INDEX \`IDX_deliveries_tenant_customer\` ON \`deliveries\``);
    await queryRunner.query(`DROP INDEX \`IDX_deliveries_due\` ON \`deliveries\``);
    await queryRunner.query(`DROP TABLE \`deliveries\``);
    await queryRunner.query(`DROP INDEX \`UQ_delivery_attempts_number\` ON \`delivery_attempts\``);
    await queryRunner.query(`DROP TABLE \`delivery_attempts\``);
  }
}
