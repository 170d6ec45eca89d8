import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CustomerLookup } from '../customers/customer-lookup.service';
import { MessageSummaries } from '../deliveries/message-summaries.service';
import type { OriginName } from '../deliveries/message-origins.types';
import { GroupsService } from '../groups/groups.service';
import type { CustomerSummaryView } from '../openapi/summary.dto';
import type { RunTriggerView } from './dto/journey-run-view.dto';
import type { JourneyDefinition, JourneyTrigger } from './journey-definition';
import type { JourneyRun } from './journey-run.entity';
import { JourneyVersion } from './journey-version.entity';
import { Journey } from './journey.entity';
import { RunStore } from './run-store';

/** The names of the tenant's forms or inbound triggers with these ids. */
export type TriggerTargetNames = (tenantId: number, ids: number[]) => Promise<Map<number, string>>;
type NamedTarget = 'form_submitted' | 'inbound';

/** What a page of runs refers to, named: customers, journeys, each version's trigger and node labels. */
export interface RunRefs {
  customers: Map<number, CustomerSummaryView>;
  journeys: Map<number, string>;
  triggers: Map<number, RunTriggerView>;
  /** By version id: node id → its label (the name a marketer gave it on the canvas). */
  labels: Map<number, Map<string, string>>;
}

/**
 * Names for runs, looked up once per page: a run shows its customer, its journey and its trigger
 * by name, and its steps by their node's label in the run's own version. Forms and inbound
 * triggers sit above journeys: their modules register how to name theirs. Messages a run made are
 * named by its journey (registered with the message log here).
 */
@Injectable()
export class RunSummaries implements OnModuleInit {
  private readonly targets = new Map<NamedTarget, TriggerTargetNames>();

  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomerLookup,
    private readonly groups: GroupsService,
    private readonly runs: RunStore,
    private readonly messages: MessageSummaries,
  ) {}

  onModuleInit(): void {
    this.messages.registerOrigin('journey', (tenantId, ids) => this.runOrigins(tenantId, ids));
  }

  registerTriggerNames(type: NamedTarget, names: TriggerTargetNames): void {
    this.targets.set(type, names);
  }

  async refs(tenantId: number, runs: JourneyRun[]): Promise<RunRefs> {
    const versionIds = [...new Set(runs.map((r) => r.versionId))];
    const [customers, journeys, versions] = await Promise.all([
      this.customers.summaries(
        tenantId,
        runs.map((r) => r.customerId),
      ),
      this.journeyNames(
        tenantId,
        runs.map((r) => r.journeyId),
      ),
      versionIds.length ? this.db.getRepository(JourneyVersion).find({ select: { id: true, definition: true }, where: { tenantId, id: In(versionIds) } }) : [],
    ]);
    const definitions = new Map(versions.map((v) => [v.id, v.definition]));
    return { customers, journeys, triggers: await this.triggerViews(tenantId, definitions), labels: labelsOf(definitions) };
  }

  private async journeyNames(tenantId: number, ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.getRepository(Journey).find({ select: { id: true, name: true }, where: { tenantId, id: In(unique) } });
    return new Map(rows.map((j) => [j.id, j.name]));
  }

  /** A run's messages are named by its journey. */
  private async runOrigins(tenantId: number, ids: number[]): Promise<Map<number, OriginName>> {
    const runs = await this.runs.statuses(tenantId, ids);
    const names = await this.journeyNames(
      tenantId,
      [...runs.values()].map((r) => r.journeyId),
    );
    return new Map([...runs.values()].map((r) => [Number(r.id), { name: names.get(r.journeyId) ?? '', parentId: r.journeyId }]));
  }

  private async triggerViews(tenantId: number, definitions: Map<number, JourneyDefinition>): Promise<Map<number, RunTriggerView>> {
    const triggers = [...definitions.values()].map((d) => d.trigger);
    const ids = (type: JourneyTrigger['type'], id: (t: JourneyTrigger) => number | undefined) =>
      triggers.filter((t) => t.type === type).flatMap((t) => id(t) ?? []);
    const [groups, forms, inbound] = await Promise.all([
      this.groups.names(
        tenantId,
        ids('group_entry', (t) => (t.type === 'group_entry' ? t.groupId : undefined)),
      ),
      this.targetNames(
        'form_submitted',
        tenantId,
        ids('form_submitted', (t) => (t.type === 'form_submitted' ? t.formId : undefined)),
      ),
      this.targetNames(
        'inbound',
        tenantId,
        ids('inbound', (t) => (t.type === 'inbound' ? t.inboundTriggerId : undefined)),
      ),
    ]);
    return new Map([...definitions].map(([versionId, d]) => [versionId, triggerView(d.trigger, { groups, forms, inbound })]));
  }

  private async targetNames(type: NamedTarget, tenantId: number, ids: number[]): Promise<Map<number, string>> {
    const names = this.targets.get(type);
    return names && ids.length ? names(tenantId, [...new Set(ids)]) : new Map();
  }
}

/** A trigger as a run shows it: its type, what it names (a group, a form, an inbound trigger) and that thing's name. */
export function triggerView(
  t: JourneyTrigger,
  names: { groups: Map<number, string>; forms: Map<number, string>; inbound: Map<number, string> },
): RunTriggerView {
  switch (t.type) {
    case 'event':
      return { type: t.type, id: null, name: t.event };
    case 'attribute_threshold':
      return { type: t.type, id: null, name: `${t.field} ${t.op} ${JSON.stringify(t.value)}` };
    case 'group_entry':
      return { type: t.type, id: t.groupId, name: names.groups.get(t.groupId) ?? null };
    case 'form_submitted':
      return { type: t.type, id: t.formId, name: names.forms.get(t.formId) ?? null };
    case 'inbound':
      return { type: t.type, id: t.inboundTriggerId ?? null, name: t.inboundTriggerId ? (names.inbound.get(t.inboundTriggerId) ?? null) : null };
  }
}

function labelsOf(definitions: Map<number, JourneyDefinition>): Map<number, Map<string, string>> {
  return new Map(
    [...definitions].map(([versionId, d]) => [versionId, new Map(d.nodes.flatMap((n) => (n.label ? [[n.id, n.label] as [string, string]] : [])))]),
  );
}
