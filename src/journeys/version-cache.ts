import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { JourneyVersion } from './journey-version.entity';

const MAX_ENTRIES = 500;

/** Journey versions are immutable: each is read from the database once per process (LRU). */
@Injectable()
export class VersionCache {
  private readonly entries = new Map<number, JourneyVersion>();

  constructor(private readonly db: DataSource) {}

  async get(ids: number[]): Promise<Map<number, JourneyVersion>> {
    const out = new Map<number, JourneyVersion>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const v = this.entries.get(id);
      if (v) {
        this.entries.delete(id);
        this.entries.set(id, v);
        out.set(id, v);
      } else {
        missing.push(id);
      }
    }
    if (missing.length) {
      for (const v of await this.db.getRepository(JourneyVersion).findBy({ id: In(missing) })) {
        out.set(v.id, v);
        this.entries.set(v.id, v);
        if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as number);
      }
    }
    return out;
  }
}
