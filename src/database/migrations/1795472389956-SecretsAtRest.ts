import { MigrationInterface, QueryRunner } from 'typeorm';
import { secretHint } from '../../common/credential-mask';
import { isSealed, SecretBox } from '../../secrets/secret-box';

const COLUMNS = ['secret', 'previousSecret', 'basicAuthPassword'] as const;
const PAGE = 500;
type Row = { id: number } & Record<(typeof COLUMNS)[number], string | null>;

/** The box of SECRETS_KEY, read here from the environment: a migration has no Nest. */
function boxFor(rows: number, what: string): SecretBox {
  const key = process.env.SECRETS_KEY;
  if (!key) {
    throw new Error(
      `SECRETS_KEY is not set, and ${rows} webhook(s) have secrets or passwords to ${what}. Set SECRETS_KEY ` +
        '(32 bytes as hex or base64: the key the api and worker will use) and run the migrations again. Nothing was changed.',
    );
  }
  return SecretBox.fromText(key, process.env.SECRETS_KEY_PREVIOUS);
}

async function rowsWithSecrets(q: QueryRunner): Promise<Row[]> {
  return q.query(
    `SELECT \`id\`, ${COLUMNS.map((c) => `\`${c}\``).join(', ')} FROM \`webhooks\` WHERE ${COLUMNS.map((c) => `\`${c}\` IS NOT NULL`).join(' OR ')}`,
  );
}

/**
 * Webhook secrets and basic-auth passwords sealed at rest (AES-256-GCM, src/secrets/secret-box.ts):
 * the columns become wide enough for the sealed form (generated as DROP + ADD, which would lose
 * them: changed to MODIFY), existing plaintext values are sealed with SECRETS_KEY, and the
 * secret's masked hint gets a column so the API never decrypts to show it.
 */
export class SecretsAtRest1795472389956 implements MigrationInterface {
  name = 'SecretsAtRest1795472389956';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Before any DDL: without a key, stop while the migration can simply be run again.
    const rows = await rowsWithSecrets(queryRunner);
    const plain = rows.filter((r) => COLUMNS.some((c) => r[c] !== null && !isSealed(r[c]!)));
    const box = plain.length ? boxFor(plain.length, 'encrypt') : null;
    await queryRunner.query('ALTER TABLE `webhooks` ADD `secretHint` varchar(16) NULL');
    await queryRunner.query('ALTER TABLE `webhooks` MODIFY `secret` text NULL');
    await queryRunner.query('ALTER TABLE `webhooks` MODIFY `previousSecret` text NULL');
    await queryRunner.query('ALTER TABLE `webhooks` MODIFY `basicAuthPassword` text NULL');
    for (let i = 0; i < plain.length; i += PAGE) {
      for (const row of plain.slice(i, i + PAGE)) {
        const sealed = COLUMNS.map((c) => (row[c] === null || isSealed(row[c]!) ? row[c] : box!.seal(row[c]!)));
        await queryRunner.query('UPDATE `webhooks` SET `secret` = ?, `previousSecret` = ?, `basicAuthPassword` = ?, `secretHint` = ? WHERE `id` = ?', [
          ...sealed,
          secretHint(row.secret),
          row.id,
        ]);
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const rows = await rowsWithSecrets(queryRunner);
    const sealed = rows.filter((r) => COLUMNS.some((c) => r[c] !== null && isSealed(r[c]!)));
    const box = sealed.length ? boxFor(sealed.length, 'decrypt') : null;
    for (const row of sealed) {
      await queryRunner.query('UPDATE `webhooks` SET `secret` = ?, `previousSecret` = ?, `basicAuthPassword` = ? WHERE `id` = ?', [
        ...COLUMNS.map((c) => (row[c] === null ? null : box!.reveal(row[c]!))),
        row.id,
      ]);
    }
    await queryRunner.query('ALTER TABLE `webhooks` MODIFY `basicAuthPassword` varchar(500) NULL');
    await queryRunner.query('ALTER TABLE `webhooks` MODIFY `previousSecret` varchar(256) NULL');
    await queryRunner.query('ALTER TABLE `webhooks` MODIFY `secret` varchar(256) NULL');
    await queryRunner.query('ALTER TABLE `webhooks` DROP COLUMN `secretHint`');
  }
}
