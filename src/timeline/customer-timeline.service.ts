import { Injectable } from '@nestjs/common';
import { BroadcastsService } from '../broadcasts/broadcasts.service';
import type { TenantRef } from '../common/tenant-ref';
import { TimelineEntry, TimelineLink, TimelineLinkType, decodeTimelineCursor, mergeTimeline } from '../common/timeline';
import { fieldError } from '../common/validation';
import { CustomersService } from '../customers/customers.service';
import { DeliveryTimeline } from '../deliveries/delivery-timeline.service';
import { FormTimeline } from '../forms/form-timeline.service';
import { InboundTimeline } from '../inbound/inbound-timeline.service';
import { RunTimeline } from '../journeys/run-timeline.service';
import { EventTimeline } from '../outbox/event-timeline.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import type { TimelineQueryDto } from './dto/timeline.dto';

/**
 * One customer's timeline: each module answers for its own rows (limit + 1, newest first, after
 * the cursor) and the lists are merged here; names other modules own are filled in afterwards.
 */
@Injectable()
export class CustomerTimelineService {
  constructor(
    private readonly customers: CustomersService,
    private readonly messages: DeliveryTimeline,
    private readonly runs: RunTimeline,
    private readonly submissions: FormTimeline,
    private readonly inbound: InboundTimeline,
    private readonly events: EventTimeline,
    private readonly webhooks: WebhooksService,
    private readonly broadcasts: BroadcastsService,
  ) {}

  async page(tenant: TenantRef, customerId: number, q: TimelineQueryDto): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
    const before = q.after ? decodeTimelineCursor(q.after) : null;
    if (q.after && !before) throw fieldError('after', 'must be the nextCursor of a previous page', 'invalid');
    // 404 for another tenant's, a deleted or no customer: the page is about a live one.
    await this.customers.get(tenant, customerId);
    const query = { tenantId: tenant.id, customerId, before, limit: q.limit + 1 };
    const sources = [this.messages, this.runs, this.submissions, this.inbound, this.events];
    const page = mergeTimeline(await Promise.all(sources.map((s) => s.of(query))), q.limit);
    await this.fillNames(tenant.id, page.items);
    return page;
  }

  private async fillNames(tenantId: number, items: TimelineEntry[]): Promise<void> {
    const links = items.flatMap((i) => [i.target, i.via]).filter((l): l is TimelineLink => !!l && l.name === null);
    const ids = (type: TimelineLinkType) => [...new Set(links.filter((l) => l.type === type).map((l) => l.id))];
    const [webhooks, broadcasts, runs, forms] = await Promise.all([
      this.webhooks.names(tenantId, ids('webhook').map(Number)),
      this.broadcasts.names(tenantId, ids('broadcast').map(Number)),
      this.runs.namesOfRuns(tenantId, ids('journey_run')),
      this.submissions.formsOf(tenantId, ids('form_submission')),
    ]);
    for (const l of links) {
      if (l.type === 'webhook') l.name = webhooks.get(Number(l.id)) ?? null;
      if (l.type === 'broadcast') l.name = broadcasts.get(Number(l.id))?.name ?? null;
      if (l.type === 'journey_run') l.name = runs.get(l.id) ?? null;
    }
    for (const i of items) if (i.via?.type === 'form_submission') i.via = forms.get(i.via.id) ?? null;
    for (const i of items) if (i.kind === 'message') i.title = i.target?.name ?? null;
  }
}
