import { MigrationInterface, QueryRunner } from 'typeorm';
import { secretHint } from '../../common/credential-mask';
import { isSealed, SecretBox } from '../../secrets/secret-box';

const CHECKS = { hmac: 'hmacSecret', standardWebhooks: 'standardWebhooksSecret', token: 'tokenSecret' } as const;
type Name = keyof typeof CHECKS;
type Row = { id: number; secrets: string | Record<string, string>; checks: string | Record<string, Record<string, unknown>> };

const json = <T>(v: string | T): T => (typeof v === 'string' ? JSON.parse(v) : v);

/** The box of SECRETS_KEY, read from the environment here (a migration has no Nest). */
function box(rows: number, what: string): SecretBox {
  const key = process.env.SECRETS_KEY;
  if (!key) {
    throw new Error(
      `SECRETS_KEY is not set, and ${rows} inbound trigger(s) have secrets to ${what}. Set SECRETS_KEY and run the ` + 'migrations again. Nothing was changed.',
    );
  }
  return SecretBox.fromText(key, process.env.SECRETS_KEY_PREVIOUS);
}

/**
 * Inbound-trigger secrets sealed at rest like webhook secrets: the plaintext `secrets` JSON becomes
 * three sealed text columns (generated as DROP + ADD: the data is carried over between them), and
 * each check keeps a masked hint in the public `checks` JSON so the API never decrypts to show it.
 */
export class InboundTriggerSecretsSealed1795475002379 implements MigrationInterface {
  name = 'InboundTriggerSecretsSealed1795475002379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows: Row[] = await queryRunner.query('SELECT `id`, `secrets`, `checks` FROM `inbound_triggers`');
    const withSecrets = rows.filter((r) => Object.keys(json<Record<string, string>>(r.secrets)).length);
    // Before any DDL: without a key, stop while the migration can simply be run again.
    const sealer = withSecrets.length ? box(withSecrets.length, 'encrypt') : null;
    await queryRunner.query('ALTER TABLE `inbound_triggers` ADD `hmacSecret` text NULL');
    await queryRunner.query('ALTER TABLE `inbound_triggers` ADD `standardWebhooksSecret` text NULL');
    await queryRunner.query('ALTER TABLE `inbound_triggers` ADD `tokenSecret` text NULL');
    for (const row of withSecrets) {
      const secrets = json<Partial<Record<Name, string>>>(row.secrets);
      const checks = json<Record<string, Record<string, unknown>>>(row.checks);
      const sealed = (Object.keys(CHECKS) as Name[]).map((n) => {
        const v = secrets[n];
        if (v && checks[n]) checks[n] = { ...checks[n], hint: secretHint(v) };
        return v ? (isSealed(v) ? v : sealer!.seal(v)) : null;
      });
      await queryRunner.query('UPDATE `inbound_triggers` SET `hmacSecret` = ?, `standardWebhooksSecret` = ?, `tokenSecret` = ?, `checks` = ? WHERE `id` = ?', [
        ...sealed,
        JSON.stringify(checks),
        row.id,
      ]);
    }
    await queryRunner.query('ALTER TABLE `inbound_triggers` DROP COLUMN `secrets`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const rows: ({ id: number } & Record<string, string | null>)[] = await queryRunner.query(
      'SELECT `id`, `hmacSecret`, `standardWebhooksSecret`, `tokenSecret` FROM `inbound_triggers`',
    );
    const withSecrets = rows.filter((r) => Object.values(CHECKS).some((c) => r[c]));
    const opener = withSecrets.length ? box(withSecrets.length, 'decrypt') : null;
    await queryRunner.query('ALTER TABLE `inbound_triggers` ADD `secrets` json NULL');
    for (const row of withSecrets) {
      const secrets = Object.fromEntries((Object.entries(CHECKS) as [Name, string][]).filter(([, c]) => row[c]).map(([n, c]) => [n, opener!.reveal(row[c]!)]));
      await queryRunner.query('UPDATE `inbound_triggers` SET `secrets` = ? WHERE `id` = ?', [JSON.stringify(secrets), row.id]);
    }
    await queryRunner.query("UPDATE `inbound_triggers` SET `secrets` = '{}' WHERE `secrets` IS NULL");
    await queryRunner.query('ALTER TABLE `inbound_triggers` MODIFY `secrets` json NOT NULL');
    await queryRunner.query('ALTER TABLE `inbound_triggers` DROP COLUMN `tokenSecret`');
    await queryRunner.query('ALTER TABLE `inbound_triggers` DROP COLUMN `standardWebhooksSecret`');
    await queryRunner.query('ALTER TABLE `inbound_triggers` DROP COLUMN `hmacSecret`');
  }
}
