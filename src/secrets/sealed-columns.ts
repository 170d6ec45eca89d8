/**
 * Every column that holds SecretBox-sealed values: `npm run secrets:rotate` re-seals them under
 * the current key, and the boot check makes sure the configured keys can open them. A module
 * that keeps its own secrets (e.g. inbound triggers) adds its table here.
 */
export interface SealedColumns {
  table: string;
  /** An integer primary key, to page by. */
  id: string;
  columns: string[];
}

export const SEALED_COLUMNS: SealedColumns[] = [
  { table: 'webhooks', id: 'id', columns: ['secret', 'previousSecret', 'basicAuthPassword'] },
  { table: 'inbound_triggers', id: 'id', columns: ['hmacSecret', 'standardWebhooksSecret', 'tokenSecret'] },
];
