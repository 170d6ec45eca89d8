/** A source record's name (and the record above it: a run's journey, a submission's form), for the message log. */
export interface OriginName {
  name: string;
  parentId?: number | null;
}

/** The names of a source's records with these ids (the tenant's only), by id. */
export type OriginNames = (tenantId: number, ids: number[]) => Promise<Map<number, OriginName>>;
