import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { nullIfNotFound } from '../common/not-found';
import { systemActor } from '../common/tenant-ref';
import { GroupsService } from '../groups/groups.service';
import { Journey } from './journey.entity';
import { RunStarter } from './run-starter.service';

const PAGE = 1000;

/**
 * Worker only. A group_entry journey's members enter when it is activated: the group is streamed
 * in keyset pages (memory stays flat for a 100,000-member group), each page's runs inserted in one
 * statement and enqueued, and the cursor recorded. A crash resumes after the cursor; the unique
 * (journey, occurrence) key makes any overlap a no-op. The group is pinned as it was at activation.
 */
@Injectable()
export class GroupEntry {
  private readonly logger = new Logger(GroupEntry.name);

  constructor(
    private readonly db: DataSource,
    private readonly groups: GroupsService,
    private readonly starter: RunStarter,
  ) {}

  async enter(journeyId: number): Promise<void> {
    const repo = this.db.getRepository(Journey);
    const j = await repo.findOneBy({ id: journeyId });
    if (!j || j.status !== 'active' || j.entryDone || j.triggerType !== 'group_entry') return;
    const groupId = Number(j.triggerRef);
    // Only a missing group means no one enters; any other error fails the job and the sweeper enqueues the entry again.
    const group = await this.groups.find(systemActor(j.tenantId), groupId).catch(nullIfNotFound);
    if (!group) {
      this.logger.warn(`journey ${j.id}: group ${groupId} was deleted; no one enters`);
      await repo.update({ id: j.id }, { entryDone: true });
      return;
    }
    const trigger = { type: 'group_entry', groupId: group.id, groupName: group.name };
    for await (const page of this.groups.streamMembers(group, PAGE, {
      after: j.entryCursor,
      maxCustomerId: j.entryMaxCustomerId,
      addedBefore: j.activatedAt,
    })) {
      // The journey as it is now: an edit since activation made a newer version for new runs.
      const current = await repo.findOneBy({ id: j.id });
      if (!current || current.status !== 'active') return; // paused: resumed on activate; archived: done
      await this.starter.start(page.map((c) => ({ journey: current, customerId: c.id, occurrenceKey: `group:${c.id}`, trigger })));
      await repo.update({ id: j.id }, { entryCursor: page[page.length - 1].id });
    }
    await repo.update({ id: j.id }, { entryDone: true });
  }
}
