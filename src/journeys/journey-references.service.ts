import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/api-error';
import { nullIfNotFound } from '../common/not-found';
import { GroupMembershipService } from '../groups/group-membership.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { problemCollector } from './definition-checks';
import type { JourneyDefinition } from './journey-definition';
import { nodeType } from './nodes';
import type { NodeReference } from './nodes/node-type';

/** Whether the tenant has a live one of what a trigger names (a form, an inbound trigger). */
export type TriggerTargetCheck = (tenantId: number, id: number) => Promise<boolean>;
type TargetTrigger = 'form_submitted' | 'inbound';

/**
 * What a sound definition names in the database, checked on every save and activation (a webhook
 * may have been disabled, a group deleted since): the webhooks and groups its nodes name (each
 * node type says which), and its trigger's group, form or inbound trigger. Forms and inbound
 * triggers sit above journeys (they start runs): their modules register how to check theirs.
 */
@Injectable()
export class JourneyReferences {
  private readonly targets = new Map<TargetTrigger, TriggerTargetCheck>();

  constructor(
    private readonly webhooks: WebhooksService,
    private readonly groups: GroupMembershipService,
  ) {}

  /** Called by the forms and inbound modules as they start. */
  registerTriggerTarget(type: TargetTrigger, check: TriggerTargetCheck): void {
    this.targets.set(type, check);
  }

  async problems(tenantId: number, def: JourneyDefinition): Promise<FieldProblem[]> {
    const { problems, add } = problemCollector();
    const refs: NodeReference[] = def.nodes.flatMap((n, i) => nodeType(n.type)?.references?.(n, `nodes[${i}]`) ?? []);
    const ids = (kind: NodeReference['kind']) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
    const webhooks = new Map(
      await Promise.all(ids('manual_webhook').map(async (id) => [id, await this.webhooks.findRow(tenantId, id).catch(nullIfNotFound)] as const)),
    );
    const groupIds = [...ids('static_group'), ...(def.trigger.type === 'group_entry' ? [def.trigger.groupId] : [])];
    const groups = await this.groups.kinds(tenantId, [...new Set(groupIds)]);
    for (const { kind, id, path } of refs) {
      if (kind === 'manual_webhook') {
        const w = webhooks.get(id);
        if (!w) add(path, 'unknown_webhook', `names no webhook of yours (${id})`, { id });
        else if (w.triggerType !== 'manual') {
          add(path, 'webhook_not_manual', `names webhook ${id}, whose trigger type is ${w.triggerType}: journeys call manual webhooks`, {
            id,
            triggerType: w.triggerType,
          });
        } else if (!w.enabled) add(path, 'webhook_disabled', `names webhook ${id}, which is disabled`, { id });
      } else if (!groups.has(id)) add(path, 'unknown_group', `names no group of yours (${id})`, { id });
      else if (groups.get(id) !== 'static') add(path, 'group_dynamic', `names group ${id}, which is dynamic: its members come from its rule`, { id });
    }
    const t = def.trigger;
    if (t.type === 'group_entry' && !groups.has(t.groupId))
      add('trigger.groupId', 'unknown_group', `names no group of yours (${t.groupId})`, { id: t.groupId });
    if (t.type === 'inbound' && t.inboundTriggerId && !(await this.target('inbound')(tenantId, t.inboundTriggerId))) {
      add('trigger.inboundTriggerId', 'unknown_inbound_trigger', `names no inbound trigger of yours (${t.inboundTriggerId})`, { id: t.inboundTriggerId });
    }
    if (t.type === 'form_submitted' && !(await this.target('form_submitted')(tenantId, t.formId))) {
      add('trigger.formId', 'unknown_form', `names no form of yours (${t.formId})`, { id: t.formId });
    }
    return problems;
  }

  private target(type: TargetTrigger): TriggerTargetCheck {
    const check = this.targets.get(type);
    // Only the api checks definitions, and it loads the forms and inbound modules.
    if (!check) throw new Error(`no check registered for ${type} triggers (is its module loaded?)`);
    return check;
  }
}
