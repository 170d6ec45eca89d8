import { MigrationInterface, QueryRunner } from 'typeorm';

export class JourneyTestRunsNodeCounts1796440387406 implements MigrationInterface {
  name = 'JourneyTestRunsNodeCounts1796440387406';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`journey_node_counts\` (\`journeyId\` int NOT NULL, \`versionId\` int NOT NULL, \`nodeId\` varchar(64) NOT NULL, \`outcome\` varchar(16) NOT NULL, \`slot\` tinyint NOT NULL, \`n\` bigint NOT NULL DEFAULT '0', PRIMARY KEY (\`journeyId\`, \`versionId\`, \`nodeId\`, \`outcome\`, \`slot\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`journey_runs\` ADD \`test\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX \`IDX_journey_runs_node\` ON \`journey_runs\` (\`journeyId\`, \`test\`, \`status\`, \`versionId\`, \`nodeId\`)`);
    // The steps logged so far count too (slot 0).
    await queryRunner.query(
      `INSERT INTO \`journey_node_counts\` (\`journeyId\`, \`versionId\`, \`nodeId\`, \`outcome\`, \`slot\`, \`n\`) SELECT r.journeyId, r.versionId, s.nodeId, s.outcome, 0, COUNT(*) FROM \`journey_steps\` s JOIN \`journey_runs\` r ON r.id = s.runId GROUP BY r.journeyId, r.versionId, s.nodeId, s.outcome`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_journey_runs_node\` ON \`journey_runs\``);
    await queryRunner.query(`ALTER TABLE \`journey_runs\` DROP COLUMN \`test\``);
    await queryRunner.query(`DROP TABLE \`journey_node_counts\``);
  }
}
