import { MigrationInterface, QueryRunner } from 'typeorm';

const HOUR = (column: string) => `DATE_FORMAT(${column}, '%Y-%m-%d %H:00:00')`;
const KEYS = '`tenantId`, `hour`, `webhookId`, `source`';
const LATENCY_BOUNDS_MS = [25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600];

/**
 * Hourly message counters per tenant, webhook and source (the overview reads these instead of
 * counting deliveries). Backfilled from the messages and attempts still kept: made per createdAt
 * hour, outcomes per the hour they were reached (deliveredAt, else updatedAt), attempts and their
 * duration buckets per startedAt hour.
 */
export class DeliveryStatsHourly1796440439103 implements MigrationInterface {
  name = 'DeliveryStatsHourly1796440439103';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`delivery_stats_hourly\` (\`tenantId\` int NOT NULL, \`hour\` datetime NOT NULL, \`webhookId\` int NOT NULL, \`source\` varchar(16) NOT NULL, \`created\` int NOT NULL DEFAULT '0', \`delivered\` int NOT NULL DEFAULT '0', \`failed\` int NOT NULL DEFAULT '0', \`cancelled\` int NOT NULL DEFAULT '0', \`attempts\` int NOT NULL DEFAULT '0', \`attemptsFailed\` int NOT NULL DEFAULT '0', \`lat0\` int NOT NULL DEFAULT '0', \`lat1\` int NOT NULL DEFAULT '0', \`lat2\` int NOT NULL DEFAULT '0', \`lat3\` int NOT NULL DEFAULT '0', \`lat4\` int NOT NULL DEFAULT '0', \`lat5\` int NOT NULL DEFAULT '0', \`lat6\` int NOT NULL DEFAULT '0', \`lat7\` int NOT NULL DEFAULT '0', \`lat8\` int NOT NULL DEFAULT '0', \`lat9\` int NOT NULL DEFAULT '0', \`lat10\` int NOT NULL DEFAULT '0', \`lat11\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`tenantId\`, \`hour\`, \`webhookId\`, \`source\`)) ENGINE=InnoDB`,
    );
    const add = (columns: string[]) => columns.map((c) => `\`${c}\` = \`${c}\` + VALUES(\`${c}\`)`).join(', ');
    await queryRunner.query(
      `INSERT INTO \`delivery_stats_hourly\` (${KEYS}, \`created\`) ` +
        `SELECT \`tenantId\`, ${HOUR('createdAt')}, \`webhookId\`, \`source\`, COUNT(*) FROM \`deliveries\` GROUP BY 1, 2, 3, 4`,
    );
    await queryRunner.query(
      `INSERT INTO \`delivery_stats_hourly\` (${KEYS}, \`delivered\`, \`failed\`, \`cancelled\`) ` +
        `SELECT \`tenantId\`, ${HOUR('COALESCE(`deliveredAt`, `updatedAt`)')} AS h, \`webhookId\`, \`source\`, ` +
        "SUM(`status` = 'delivered'), SUM(`status` = 'failed'), SUM(`status` = 'cancelled') FROM `deliveries` " +
        "WHERE `status` IN ('delivered', 'failed', 'cancelled') GROUP BY 1, 2, 3, 4 " +
        `ON DUPLICATE KEY UPDATE ${add(['delivered', 'failed', 'cancelled'])}`,
    );
    const buckets = LATENCY_BOUNDS_MS.map((bound, i) => `SUM(a.\`durationMs\` ${i ? `> ${LATENCY_BOUNDS_MS[i - 1]} AND a.\`durationMs\` ` : ''}<= ${bound})`);
    buckets.push(`SUM(a.\`durationMs\` > ${LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]})`);
    const lat = buckets.map((_, i) => `lat${i}`);
    await queryRunner.query(
      `INSERT INTO \`delivery_stats_hourly\` (${KEYS}, \`attempts\`, \`attemptsFailed\`, ${lat.map((c) => `\`${c}\``).join(', ')}) ` +
        `SELECT d.\`tenantId\`, ${HOUR('a.`startedAt`')}, d.\`webhookId\`, d.\`source\`, COUNT(*), SUM(a.\`verdict\` <> 'delivered'), ${buckets.join(', ')} ` +
        'FROM `delivery_attempts` a JOIN `deliveries` d ON d.`id` = a.`deliveryId` GROUP BY 1, 2, 3, 4 ' +
        `ON DUPLICATE KEY UPDATE ${add(['attempts', 'attemptsFailed', ...lat])}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`delivery_stats_hourly\``);
  }
}
