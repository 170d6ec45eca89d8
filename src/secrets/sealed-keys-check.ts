import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigError } from '../config/env';
import { SEALED_COLUMNS } from './sealed-columns';
import { SecretBox } from './secret-box';

/**
 * At boot: every key id found in the sealed columns must be one this process can open. A wrong
 * SECRETS_KEY then stops the process at once, naming the variable, instead of failing to sign
 * every message later.
 */
@Injectable()
export class SealedKeysCheck implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const unknown = new Set<string>();
    for (const { table, columns } of SEALED_COLUMNS) {
      for (const column of columns) {
        const rows: { keyId: string }[] = await this.db.query(
          `SELECT DISTINCT SUBSTRING(\`${column}\`, 4, 8) AS keyId FROM \`${table}\` WHERE \`${column}\` LIKE 'v1:%'`,
        );
        for (const { keyId } of rows) if (!this.box.knowsKeyId(keyId)) unknown.add(keyId);
      }
    }
    if (unknown.size) {
      throw new ConfigError(
        `Invalid environment:\n  SECRETS_KEY: stored secrets are sealed with key(s) ${[...unknown].join(', ')}, ` +
          `which neither SECRETS_KEY (key ${this.box.currentKeyId}) nor SECRETS_KEY_PREVIOUS opens`,
      );
    }
  }
}
