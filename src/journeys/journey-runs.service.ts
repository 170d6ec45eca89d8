import { Injectable } from '@nestjs/common';
import { notFound } from '../common/api-error';
import type { TenantRef } from '../common/tenant-ref';
import type { JourneyRunDetail, JourneyRunPage, JourneyRunView, JourneyStepView } from './dto/journey-run-view.dto';
import type { RunQueryDto } from './dto/journey.dto';
import type { JourneyRun } from './journey-run.entity';
import type { JourneyStep } from './journey-step.entity';
import { JourneysService } from './journeys.service';
import { RunStatusView, RunStore } from './run-store';
import { mapPage, toPage } from '../common/pagination';
import { customerRef } from '../customers/customer-lookup.service';
import { RunRefs, RunSummaries } from './run-summaries.service';

const NO_REFS: RunRefs = { customers: new Map(), journeys: new Map(), triggers: new Map(), labels: new Map() };

export function toRunView(r: JourneyRun, refs: RunRefs = NO_REFS): JourneyRunView {
  const labels = refs.labels.get(r.versionId);
  return {
    id: String(r.id),
    journeyId: r.journeyId,
    versionId: r.versionId,
    customerId: r.customerId,
    occurrence: r.occurrenceKey,
    test: !!r.test,
    status: r.status,
    nodeId: r.nodeId,
    dueAt: r.dueAt,
    waitingDeliveryId: r.waitingDeliveryId,
    steps: r.steps,
    error: r.error,
    startedAt: r.createdAt,
    finishedAt: r.finishedAt,
    updatedAt: r.updatedAt,
    customer: customerRef(refs.customers, r.customerId),
    journey: { id: r.journeyId, name: refs.journeys.get(r.journeyId) ?? null },
    trigger: refs.triggers.get(r.versionId) ?? null,
    nodeLabel: (r.nodeId && labels?.get(r.nodeId)) || null,
  };
}

function toStepView(s: JourneyStep, labels?: Map<string, string>): JourneyStepView {
  return {
    nodeId: s.nodeId,
    nodeLabel: labels?.get(s.nodeId) ?? null,
    type: s.nodeType,
    outcome: s.outcome,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    deliveryId: s.deliveryId,
    delivery: s.deliveryId ? `/api/deliveries/${s.deliveryId}` : null,
    detail: s.detail,
  };
}

/** What a marketer watches: a journey's runs, and one run with its context and step log. */
@Injectable()
export class JourneyRunsService {
  constructor(
    private readonly runs: RunStore,
    private readonly journeys: JourneysService,
    private readonly summaries: RunSummaries,
  ) {}

  async list(tenant: TenantRef, journeyId: number, q: RunQueryDto): Promise<JourneyRunPage> {
    await this.journeys.find(tenant, journeyId);
    const page = toPage(await this.runs.page(journeyId, q), q.limit);
    const refs = await this.summaries.refs(tenant.id, page.items);
    return mapPage(page, (r) => toRunView(r, refs));
  }

  async get(tenant: TenantRef, id: number): Promise<JourneyRunDetail> {
    const run = await this.runs.find(id, tenant.id);
    if (!run) throw notFound('journey_run_not_found', `Journey run ${id} not found`, { id });
    const [rows, refs] = await Promise.all([this.runs.steps(id), this.summaries.refs(tenant.id, [run])]);
    const labels = refs.labels.get(run.versionId);
    const steps = rows.map((s) => toStepView(s, labels));
    const open = run.openStep;
    if (open) {
      // The step in progress: waiting while the run waits; cut short if the run was cancelled.
      steps.push(
        toStepView(
          {
            ...open,
            tenantId: run.tenantId,
            runId: run.id,
            id: 0,
            startedAt: new Date(open.startedAt),
            finishedAt: null,
            outcome: run.status === 'waiting' || run.status === 'active' ? 'waiting' : 'cancelled',
          },
          labels,
        ),
      );
    }
    return { ...toRunView(run, refs), context: run.context, stepLog: steps };
  }

  /** The tenant's runs with these ids (those a form submission caused): journey and status, by id. */
  statuses(tenantId: number, ids: (number | string)[]): Promise<Map<string, RunStatusView>> {
    return this.runs.statuses(tenantId, ids);
  }
}
