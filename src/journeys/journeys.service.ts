import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuditAction, AuditChange } from '../audit/audit.types';
import type { FieldProblem } from '../common/api-error';
import { conflict, notFound } from '../common/api-error';
import { PageQuery, mapPage, toPage } from '../common/pagination';
import { fieldError, fieldErrorsOf, FieldValidationException } from '../common/validation';
import { CustomerLookup } from '../customers/customer-lookup.service';
import { JOURNEY_JOBS, QUEUES } from '../queues/queues';
import type { TenantRef } from '../common/tenant-ref';
import type { JourneyPage, JourneyValidationView, JourneyVersionPage, JourneyView } from './dto/journey-view.dto';
import type { CreateJourneyDto, JourneyQueryDto, UpdateJourneyDto } from './dto/journey.dto';
import { definitionProblems, JourneyDefinition } from './journey-definition';
import { JourneyReferences } from './journey-references.service';
import { JourneyVersion } from './journey-version.entity';
import { Journey } from './journey.entity';
import { JourneyCounters, RunStore } from './run-store';

export function toJourneyView(j: Journey, counters: JourneyCounters): JourneyView {
  const { trigger, start, nodes } = j.definition;
  return {
    id: j.id,
    name: j.name,
    status: j.status,
    reentry: j.reentry,
    trigger,
    start,
    nodes,
    version: j.version,
    activatedAt: j.activatedAt,
    archivedAt: j.archivedAt,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    counters,
  };
}

/** Definitions, versions and status changes of journeys (自动流程). */
@Injectable()
export class JourneysService {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly references: JourneyReferences,
    private readonly customers: CustomerLookup,
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
    private readonly audit: AuditService,
  ) {}

  private change(tenant: TenantRef, id: number, action: AuditAction, before?: object, after?: object): AuditChange {
    return { tenantId: tenant.id, resource: 'journey', resourceId: id, action, before, after };
  }

  async create(tenant: TenantRef, dto: CreateJourneyDto): Promise<JourneyView> {
    if (!dto.name) throw fieldError('name', 'is required', 'required');
    const definition = await this.checked(tenant, { trigger: dto.trigger, start: dto.start, nodes: dto.nodes });
    const repo = this.db.getRepository(Journey);
    const row = repo.create({
      tenantId: tenant.id,
      name: dto.name,
      status: 'draft',
      reentry: dto.reentry ?? 'once',
      definition,
      ...triggerColumns(definition),
      versionId: null,
      version: 0,
      activatedAt: null,
      archivedAt: null,
      entryCursor: 0,
      entryDone: false,
      entryMaxCustomerId: null,
    });
    const after = { name: row.name, reentry: row.reentry, definition };
    await this.audit.transaction(
      this.db.manager,
      (m) => m.insert(Journey, row),
      () => this.change(tenant, row.id, 'created', undefined, after),
    );
    return this.get(tenant, row.id);
  }

  async list(tenant: TenantRef, query: JourneyQueryDto): Promise<JourneyPage> {
    const qb = this.db
      .getRepository(Journey)
      .createQueryBuilder('j')
      .where('j.tenantId = :tenantId', { tenantId: tenant.id })
      .orderBy('j.id', 'DESC')
      .take(query.limit + 1);
    if (query.status) qb.andWhere('j.status = :status', { status: query.status });
    if (query.after) qb.andWhere('j.id < :after', { after: query.after });
    const page = toPage(await qb.getMany(), query.limit);
    const counts = await this.runs.counters(page.items.map((j) => j.id));
    return { ...page, items: page.items.map((j) => toJourneyView(j, counts.get(j.id)!)) };
  }

  async find(tenant: TenantRef, id: number): Promise<Journey> {
    const j = await this.db.getRepository(Journey).findOneBy({ id, tenantId: tenant.id });
    if (!j) throw notFound('journey_not_found', `Journey ${id} not found`, { id });
    return j;
  }

  /** One of the journey's versions by number (404 when it has none such). */
  async version(j: Journey, version: number): Promise<JourneyVersion> {
    const v = await this.db.getRepository(JourneyVersion).findOneBy({ journeyId: j.id, version });
    if (!v) throw notFound('journey_version_not_found', `Journey ${j.id} has no version ${version}`, { id: j.id, version });
    return v;
  }

  /** A journey's name by id (null once deleted): an inbound hook's answer names the journey of its run. */
  async nameOf(id: number): Promise<string | null> {
    return (await this.db.getRepository(Journey).findOne({ where: { id }, select: { id: true, name: true } }))?.name ?? null;
  }

  async get(tenant: TenantRef, id: number): Promise<JourneyView> {
    const j = await this.find(tenant, id);
    return toJourneyView(j, (await this.runs.counters([id])).get(id)!);
  }

  /** A draft changes in place; a journey that has run gets a new immutable version (running customers keep theirs). */
  async update(tenant: TenantRef, id: number, dto: UpdateJourneyDto): Promise<JourneyView> {
    const j = await this.find(tenant, id);
    if (j.status === 'archived') throw archived(id);
    const definition = await this.checked(tenant, {
      trigger: dto.trigger ?? j.definition.trigger,
      start: dto.start ?? j.definition.start,
      nodes: dto.nodes ?? j.definition.nodes,
    });
    const name = dto.name ?? j.name;
    const reentry = dto.reentry ?? j.reentry;
    const change = this.change(tenant, id, 'updated', j, { name, reentry, definition });
    if (j.status === 'draft') {
      const write = (m: EntityManager) => m.update(Journey, { id, tenantId: tenant.id }, { name, reentry, definition, ...triggerColumns(definition) });
      await this.audit.transaction(this.db.manager, write, () => change);
    } else {
      await this.db.transaction(async (m) => {
        const locked = await m.findOne(Journey, { where: { id, tenantId: tenant.id }, lock: { mode: 'pessimistic_write' } });
        if (!locked || locked.status === 'archived') throw archived(id);
        const version = await this.newVersion(m, locked, { name, reentry, definition });
        await m.update(Journey, { id }, { name, reentry, definition, ...triggerColumns(definition), versionId: version.id, version: version.version });
        await this.audit.record(m, change);
      });
    }
    return this.get(tenant, id);
  }

  /** Only drafts are deleted (nothing ran); a journey that has run is archived instead. */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    const write = (m: EntityManager) => m.delete(Journey, { id, tenantId: tenant.id, status: 'draft' });
    const result = await this.audit.transaction(this.db.manager, write, (r) => (r.affected ? this.change(tenant, id, 'deleted') : null));
    if (!result.affected) {
      await this.find(tenant, id);
      throw conflict('journey_has_run', `Journey ${id} has run: archive it instead`, { id });
    }
    // A draft has only test runs: they go with it (their test sends stay in the send history).
    await this.db.query('DELETE s FROM journey_steps s JOIN journey_runs r ON r.id = s.runId WHERE r.journeyId = ? AND r.test = 1', [id]);
    await this.db.query('DELETE FROM journey_runs WHERE journeyId = ? AND test = 1', [id]);
  }

  /** draft → active (version 1, and a group_entry journey enters its members), or paused → active (runs continue). */
  async activate(tenant: TenantRef, id: number): Promise<JourneyView> {
    const j = await this.find(tenant, id);
    if (j.status === 'active') return this.get(tenant, id);
    if (j.status === 'archived') throw conflict('journey_archived', `Journey ${id} is archived`, { id });
    // References may have changed since the last save (a webhook disabled, a group deleted).
    await this.checked(tenant, j.definition);
    const from = j.status;
    await this.db.transaction(async (m) => {
      const locked = await m.findOne(Journey, { where: { id, tenantId: tenant.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.status !== from) throw changed(id);
      const changes: Partial<Journey> = { status: 'active' };
      if (from === 'draft') {
        const version = await this.newVersion(m, locked, locked);
        Object.assign(changes, { versionId: version.id, version: version.version, activatedAt: new Date() });
        if (locked.triggerType === 'group_entry') {
          changes.entryMaxCustomerId = await this.customers.maxId(tenant.id, m);
        }
      }
      await m.update(Journey, { id }, changes);
      await this.audit.record(m, this.change(tenant, id, 'activated', { status: from }, changes));
    });
    if (from === 'draft' && j.triggerType === 'group_entry') await this.queue.add(JOURNEY_JOBS.entry, { journeyId: id }, JOB_OPTIONS);
    if (from === 'paused') await this.queue.add(JOURNEY_JOBS.resume, { journeyId: id }, JOB_OPTIONS);
    return this.get(tenant, id);
  }

  /** active → paused: runs stay where they are (nothing is claimed) and no one new enters. */
  async pause(tenant: TenantRef, id: number): Promise<JourneyView> {
    const j = await this.find(tenant, id);
    if (j.status === 'paused') return this.get(tenant, id);
    if (j.status !== 'active') {
      throw conflict('journey_not_active', `Journey ${id} is ${j.status}: only an active journey can be paused`, { id, status: j.status });
    }
    const write = (m: EntityManager) => m.update(Journey, { id, tenantId: tenant.id, status: 'active' }, { status: 'paused' });
    const change = this.change(tenant, id, 'paused', { status: 'active' }, { status: 'paused' });
    const result = await this.audit.transaction(this.db.manager, write, (r) => (r.affected ? change : null));
    if (!result.affected) throw changed(id);
    return this.get(tenant, id);
  }

  /** Final: no one enters, and runs that have not finished are cancelled. Their messages already created still go out. */
  async archive(tenant: TenantRef, id: number): Promise<JourneyView> {
    const j = await this.find(tenant, id);
    if (j.status !== 'archived') {
      const changes = { status: 'archived' as const, archivedAt: new Date() };
      const change = this.change(tenant, id, 'archived', j, changes);
      await this.audit.transaction(
        this.db.manager,
        (m) => m.update(Journey, { id, tenantId: tenant.id }, changes),
        () => change,
      );
      await this.runs.cancelUnfinished(id, 'journey archived');
    }
    return this.get(tenant, id);
  }

  /** The console's live check: the problems a save would answer, without saving. */
  async validate(tenant: TenantRef, body: unknown): Promise<JourneyValidationView> {
    const problems = await this.problems(tenant, body);
    return { valid: !problems.length, errors: fieldErrorsOf(problems), problems };
  }

  /** Newest first; `after` is the last version number seen. */
  async versions(tenant: TenantRef, id: number, query: PageQuery): Promise<JourneyVersionPage> {
    await this.find(tenant, id);
    const qb = this.db
      .getRepository(JourneyVersion)
      .createQueryBuilder('v')
      .where('v.journeyId = :id AND v.tenantId = :tenantId', { id, tenantId: tenant.id })
      .orderBy('v.version', 'DESC')
      .take(query.limit + 1);
    if (query.after) qb.andWhere('v.version < :after', { after: query.after });
    return mapPage(
      toPage(await qb.getMany(), query.limit, (v) => v.version),
      (v) => ({
        id: v.id,
        version: v.version,
        name: v.name,
        reentry: v.reentry,
        ...v.definition,
        createdAt: v.createdAt,
      }),
    );
  }

  /** The definition's problems: the graph (pure), then, when it is sound, what it names in the database. */
  async problems(tenant: TenantRef, definition: unknown): Promise<FieldProblem[]> {
    const problems = definitionProblems(definition);
    return problems.length ? problems : this.references.problems(tenant.id, definition as JourneyDefinition);
  }

  /** The definition, checked whole (400 naming each bad part). */
  private async checked(tenant: TenantRef, input: Record<string, unknown> | JourneyDefinition): Promise<JourneyDefinition> {
    const { trigger, start, nodes } = input as Record<string, unknown>;
    const definition = { trigger, start, nodes };
    const problems = await this.problems(tenant, definition);
    if (problems.length) throw new FieldValidationException(problems);
    return definition as unknown as JourneyDefinition;
  }

  private async newVersion(m: EntityManager, j: Journey, from: Pick<Journey, 'name' | 'reentry' | 'definition'>): Promise<JourneyVersion> {
    const version = m.create(JourneyVersion, {
      tenantId: j.tenantId,
      journeyId: j.id,
      version: j.version + 1,
      name: from.name,
      reentry: from.reentry,
      definition: from.definition,
    });
    await m.insert(JourneyVersion, version);
    return version;
  }
}

const archived = (id: number) => conflict('journey_archived', `Journey ${id} is archived: create a new one`, { id });
const changed = (id: number) => conflict('journey_changed', `Journey ${id} changed meanwhile; try again`, { id });

const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 1000 } };

function triggerColumns(def: JourneyDefinition): Pick<Journey, 'triggerType' | 'triggerRef'> {
  const t = def.trigger;
  const ref =
    t.type === 'event'
      ? t.event
      : t.type === 'group_entry'
        ? String(t.groupId)
        : t.type === 'form_submitted'
          ? String(t.formId)
          : t.type === 'inbound' && t.inboundTriggerId
            ? String(t.inboundTriggerId)
            : null;
  return { triggerType: t.type, triggerRef: ref };
}
