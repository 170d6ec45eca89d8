import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Env } from '../config/env';
import { auditDiff } from './audit-diff';
import { currentAuditContext } from './audit-context';
import { AuditEntry } from './audit-entry.entity';
import type { AuditChange } from './audit.types';

/**
 * The audit trail's only writer and reader. `record` writes through the caller's EntityManager, inside the caller's
 * transaction: a change that rolls back leaves no entry, and an entry that fails rolls the change back.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly env: Env,
  ) {}

  /** Records a change made through the API or the console; the actor and address are the current request's unless given. */
  async record(manager: EntityManager, change: AuditChange): Promise<void> {
    const context = currentAuditContext();
    const actor = change.actor ?? context.actor;
    const diff = change.before === undefined && change.after === undefined ? null : auditDiff(change.before, change.after);
    // An update that changed nothing is no change.
    if (change.action === 'updated' && change.before != null && change.after != null && !diff) return;
    await manager.insert(AuditEntry, {
      tenantId: change.tenantId,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label?.slice(0, 320) ?? null,
      ip: (change.ip === undefined ? context.ip : change.ip)?.slice(0, 64) ?? null,
      resource: change.resource,
      resourceId: change.resourceId == null ? null : String(change.resourceId).slice(0, 64),
      action: change.action,
      diff: diff ? JSON.stringify(diff) : null,
    });
  }

  /** Runs `write` and records the change it made in one transaction, for a change that had none (`change` null: nothing to record). */
  transaction<T>(db: EntityManager, write: (m: EntityManager) => Promise<T>, change: (result: T) => AuditChange | null): Promise<T> {
    return db.transaction(async (m) => {
      const result = await write(m);
      const entry = change(result);
      if (entry) await this.record(m, entry);
      return result;
    });
  }

  /** Writes a change to one row and its entry in one transaction; a write that touched no row (`affected` 0) records nothing. */
  writeAudited<T extends { affected?: number }>(db: EntityManager, change: AuditChange, write: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(db, write, (r) => (r.affected === 0 ? null : change));
  }

  /** Records outside any transaction (a sign-in, which changes nothing to join). */
  recordAlone(change: AuditChange): Promise<void> {
    return this.record(this.entries.manager, change);
  }

  /** Deletes entries older than AUDIT_RETENTION_DAYS (0: keep all), in batches of `batch`; how many went. */
  async purge(now: Date, batch: number): Promise<number> {
    if (!this.env.AUDIT_RETENTION_DAYS) return 0;
    const cutoff = new Date(now.getTime() - this.env.AUDIT_RETENTION_DAYS * 86_400_000);
    let total = 0;
    for (;;) {
      const result: { affectedRows?: number } = await this.entries.query('DELETE FROM audit_log WHERE at < ? ORDER BY id LIMIT ?', [cutoff, batch]);
      const gone = Number(result.affectedRows ?? 0);
      total += gone;
      if (gone < batch) return total;
    }
  }
}
