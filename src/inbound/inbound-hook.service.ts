import { ConflictException, Injectable } from '@nestjs/common';

import { DataSource } from 'typeorm';
import { duplicateKeyName } from '../common/sql';
import { systemActor } from '../common/tenant-ref';
import { Env } from '../config/env';
import { renderLimits } from '../templates/render-budget';
import { MOBILE_PATTERN, normalizeEmail, normalizeMobile } from '../customers/customer-contact';
import { CustomerLookup } from '../customers/customer-lookup.service';
import type { CustomerShape as Customer } from '../customers/customer-shape';
import { customerView } from '../customers/customer-template-view';
import { CustomersService } from '../customers/customers.service';
import { readPath } from '../groups/rule-eval';
import { JourneysService } from '../journeys/journeys.service';
import { RunStarter } from '../journeys/run-starter.service';
import { FinishedRun, RunWaiter } from '../journeys/run-waiter.service';
import type { RenderLimits } from '../templates/render-budget';
import { compileTemplate, renderTemplate, TemplateError } from '../templates/render-template';
import { BodyError, parseInboundBody } from './inbound-body';
import { checkCaller, Headers } from './inbound-checks';
import { AnsweredResponse, InboundRequest, InboundVerdict } from './inbound-request.entity';
import { InboundTrigger } from './inbound-trigger.entity';
import { InboundTriggersService } from './inbound-triggers.service';
import { error, HookAnswer, HookRequest, Refused, requestLogRow } from './hook-request';
import { acceptedAnswer, InboundAcceptor } from './inbound-acceptor.service';

/**
 * `/hooks/:key`: checks the caller, logs the request, finds or creates its customer, starts the
 * trigger's journey (the request log row and the run commit together; a duplicate delivery id
 * finds the first request and gets its answer again), and answers at once (async) or with the
 * run's result (sync, bounded).
 */
@Injectable()
export class InboundHookService {
  private readonly templates = new Map<string, ReturnType<typeof compileTemplate>>();
  private readonly limits: RenderLimits;

  constructor(
    env: Env,
    private readonly db: DataSource,
    private readonly triggers: InboundTriggersService,
    private readonly customers: CustomersService,
    private readonly lookup: CustomerLookup,
    private readonly journeys: JourneysService,
    private readonly starter: RunStarter,
    private readonly waiter: RunWaiter,
    private readonly acceptor: InboundAcceptor,
  ) {
    this.limits = renderLimits(env);
  }

  async handle(req: HookRequest): Promise<HookAnswer> {
    const started = Date.now();
    const found = await this.triggers.byKey(req.key);
    if (!found) return error(404, 'Unknown hook');
    const { trigger, secrets } = found;
    const log = requestLogRow(trigger, req);
    try {
      if (!trigger.enabled) throw new Refused('disabled', error(404, 'Unknown hook'));
      if (req.tooLarge) throw new Refused('too_large', error(413, 'Request body is too large'));
      if (!(trigger.methods as string[]).includes(req.method)) {
        throw new Refused('method_not_allowed', { ...error(405, `Method ${req.method} is not allowed here`), headers: { Allow: trigger.methods.join(', ') } });
      }
      const checks = {
        ipAllowlist: trigger.checks.ipAllowlist,
        hmac: trigger.checks.hmac && { ...trigger.checks.hmac, secret: secrets.hmac! },
        standardWebhooks: trigger.checks.standardWebhooks && { secret: secrets.standardWebhooks! },
        token: trigger.checks.token && { ...trigger.checks.token, value: secrets.token! },
      };
      const verdict = checkCaller(checks, req.raw, req.headers as Headers, req.ip);
      if (!verdict.ok) throw new Refused(verdict.status === 403 ? 'forbidden' : 'unauthorized', error(verdict.status, verdict.message));
      let data: unknown;
      try {
        data = req.method === 'GET' ? {} : await parseInboundBody(req.raw, req.headers['content-type']);
      } catch (e) {
        throw new Refused('bad_request', error(400, (e as BodyError).message));
      }
      const inbound = { data, headers: log.headers, query: req.query, params: { key: req.key }, method: req.method };
      return await this.accept(trigger, log, inbound, started);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      await this.save({ ...log, verdict: e.verdict, status: e.answer.status, error: e.message.slice(0, 500), durationMs: Date.now() - started });
      return e.answer;
    }
  }

  private async accept(trigger: InboundTrigger, log: Partial<InboundRequest>, inbound: Record<string, unknown>, started: number): Promise<HookAnswer> {
    const customer = await this.matchCustomer(trigger, inbound);
    const journey = trigger.journeyId ? await this.triggers.activeJourney(trigger.tenantId, trigger.journeyId) : null;
    if (trigger.mode === 'async') {
      // Nothing to wait for: written with the requests arriving meanwhile (one transaction for the group).
      let runId: number | null;
      try {
        runId = await this.acceptor.accept({ log, journey, customerId: customer?.id ?? null, inbound, started });
      } catch (e) {
        if (duplicateKeyName(e) === 'UQ_inbound_requests_delivery') return this.replay(trigger, log, started);
        throw e;
      }
      const { status, headers, body } = acceptedAnswer(runId);
      return { status, headers, body };
    }
    let requestId: number;
    let runId: number | null = null;
    let fresh = false;
    try {
      await this.db.transaction(async (m) => {
        const inserted = await m.insert(InboundRequest, { ...log, verdict: 'accepted', status: 0, customerId: customer?.id ?? null });
        requestId = Number(inserted.identifiers[0].id);
        if (!journey) return;
        const runs = await this.starter.insert(m, [
          {
            journey,
            customerId: customer?.id ?? null,
            occurrenceKey: `inbound:${requestId}`,
            trigger: inbound,
            vars: { inbound },
          },
        ]);
        const run = runs.get(`${journey.id}:inbound:${requestId}`);
        runId = run?.id ?? null;
        fresh = !!run?.fresh;
        await m.update(InboundRequest, { id: requestId }, { runId });
      });
    } catch (e) {
      if (duplicateKeyName(e) === 'UQ_inbound_requests_delivery') return this.replay(trigger, log, started);
      throw e;
    }
    if (fresh && runId) await this.starter.enqueue([runId]);
    const answer = await this.answer(trigger, runId, inbound, customer);
    await this.db.getRepository(InboundRequest).update(
      { id: requestId! },
      {
        verdict: answer.verdict,
        status: answer.status,
        response: { status: answer.status, headers: answer.headers, body: answer.body } as AnsweredResponse,
        error: answer.error ?? null,
        durationMs: Date.now() - started,
      },
    );
    return answer;
  }

  /** async: 202 with the run id. sync: the configured response rendered with the finished run (202 past the bound). */
  private async answer(
    trigger: InboundTrigger,
    runId: number | null,
    inbound: Record<string, unknown>,
    customer: Customer | null,
  ): Promise<HookAnswer & { verdict: InboundVerdict; error?: string }> {
    const runRef = runId === null ? null : String(runId);
    if (trigger.mode === 'async') return { verdict: 'accepted', status: 202, headers: {}, body: { status: 'accepted', runId: runRef } };
    let context: Record<string, unknown> = { inbound, trigger: inbound, nodes: {}, customer: customer ? customerView(customer) : null };
    if (runId !== null) {
      const run = await this.waiter.wait(runId, trigger.syncTimeoutMs);
      if (!run) return { verdict: 'timeout', status: 202, headers: {}, body: { status: 'running', runId: runRef } };
      if (run.status !== 'completed') {
        return {
          verdict: 'run_failed',
          error: run.error ?? run.status,
          ...error(502, `the journey run ${run.status}${run.error ? `: ${run.error}` : ''}`, { code: 'run_failed', runId: runRef }),
        };
      }
      context = await this.runContext(run, context);
    }
    const response = trigger.response;
    if (!response) return { verdict: 'answered', status: 200, headers: {}, body: { status: 'completed', runId: runRef } };
    let body: unknown = null;
    if (response.body !== null && response.body !== undefined) {
      const key = `${trigger.id}:${trigger.updatedAt.getTime()}`;
      let compiled = this.templates.get(key);
      if (!compiled) this.templates.set(key, (compiled = compileTemplate(response.body, 'response.body')));
      if (this.templates.size > 500) this.templates.delete(this.templates.keys().next().value as string);
      try {
        body = renderTemplate(compiled, context, this.limits);
      } catch (e) {
        // Past a render limit for this request's data (a loop over a long array it sent): the run went on, the answer cannot be made.
        if (!(e instanceof TemplateError)) throw e;
        return {
          verdict: 'response_failed',
          error: e.message,
          ...error(502, `the response template could not be rendered: ${e.message}`, { code: 'response_template_failed', runId: runRef }),
        };
      }
    }
    return { verdict: 'answered', status: response.status, headers: response.headers, body };
  }

  private async runContext(run: FinishedRun, base: Record<string, unknown>): Promise<Record<string, unknown>> {
    const customer = run.customerId ? await this.lookup.byId(run.customerId) : null;
    const name = await this.journeys.nameOf(run.journeyId);
    return {
      ...base,
      ...run.context.vars,
      trigger: run.context.trigger,
      nodes: run.context.nodes,
      customer: customer ? customerView(customer) : base.customer,
      journey: { id: run.journeyId, name, runId: String(run.id) },
    };
  }

  /** The same delivery again: the first request's answer (once it has one), logged as a duplicate. */
  private async replay(trigger: InboundTrigger, log: Partial<InboundRequest>, started: number): Promise<HookAnswer> {
    const repo = this.db.getRepository(InboundRequest);
    const deadline = Date.now() + trigger.syncTimeoutMs + 2_000;
    let first = await repo.findOneBy({ triggerId: trigger.id, deliveryKey: log.deliveryKey! });
    while (first && !first.response && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      first = await repo.findOneBy({ id: first.id });
    }
    const runId = first?.runId ?? null;
    const answer: HookAnswer = first?.response
      ? { ...first.response, headers: { ...first.response.headers, 'X-Herald-Duplicate': 'true' } }
      : { status: 202, headers: { 'X-Herald-Duplicate': 'true' }, body: { status: 'accepted', runId: runId === null ? null : String(runId) } };
    await this.save({
      ...log,
      deliveryKey: null,
      verdict: 'duplicate',
      status: answer.status,
      runId,
      response: answer as AnsweredResponse,
      error: first ? `duplicate of request ${first.id}` : null,
      durationMs: Date.now() - started,
    });
    return answer;
  }

  /** The customer the run is about: found by the configured mobile or email in the request, or created. */
  private async matchCustomer(trigger: InboundTrigger, inbound: Record<string, unknown>): Promise<Customer | null> {
    const match = trigger.customerMatch;
    if (!match) return null;
    const field = match.mobile ? 'mobile' : 'email';
    const path = (match.mobile ?? match.email)!;
    const raw = readPath(inbound, path.split('.'));
    if (raw === undefined || raw === null || raw === '') return null;
    const value = field === 'mobile' ? normalizeMobile(String(raw)) : normalizeEmail(String(raw));
    if (field === 'mobile' ? !MOBILE_PATTERN.test(value) : !/^[^@\s]+@[^@\s]+$/.test(value)) {
      throw new Refused(
        'bad_request',
        error(400, `${path} must be ${field === 'mobile' ? 'a mobile number' : 'an email address'} (customer match)`, {
          code: 'validation_failed',
          fields: { [path]: [`${path} must be ${field === 'mobile' ? 'a mobile number' : 'an email address'}`] },
          problems: [
            {
              path,
              code: field === 'mobile' ? 'is_mobile' : 'is_email',
              message: `${path} must be ${field === 'mobile' ? 'a mobile number' : 'an email address'}`,
            },
          ],
        }),
      );
    }
    const tenant = systemActor(trigger.tenantId);
    const find = () => this.customers.findByContact(tenant, { [field]: value });
    const existing = await find();
    if (existing) return existing;
    try {
      return await this.customers.create(tenant, { [field]: value });
    } catch (e) {
      // Created meanwhile by a concurrent request.
      if (e instanceof ConflictException) return find();
      throw e;
    }
  }

  /** A request that started nothing: logged without its delivery id (a refused delivery may come again and be accepted). */
  private async save(row: Partial<InboundRequest>): Promise<void> {
    await this.db.getRepository(InboundRequest).insert({ ...row, deliveryKey: null });
  }
}
