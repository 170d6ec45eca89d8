import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import { CustomerSummaryView, NamedRefView } from '../../openapi/summary.dto';
import { TRIGGER_TYPES, type TriggerType } from '../journey-definition';
import type { RunStatus } from '../journey-run.entity';
import type { StepOutcome } from '../journey-step.entity';

const FREE_JSON = { type: 'object', additionalProperties: true } as const;

/** The trigger of a run's version, named: the group, form or inbound trigger, the event type, or the threshold. */
export class RunTriggerView {
  @ApiProperty({ enum: TRIGGER_TYPES })
  type!: TriggerType;
  /** The group, form or inbound trigger it names; null for an event or a threshold. */
  id!: number | null;
  /** That one's name (null when deleted since), the event type, or the threshold (`points >= 100`). */
  name!: string | null;
}

/** One customer's way through one journey version, for one trigger occurrence. */
export class JourneyRunView {
  /** A bigint, as a string. */
  id!: string;
  journeyId!: number;
  /** The journey version it runs (JourneyVersion.id). */
  versionId!: number;
  /** null for a run without a customer (an inbound request that matched none). */
  customerId!: number | null;
  /** What started it: an event id, a submission, an inbound request, a group member (`test:…` for a test run). */
  occurrence!: string;
  /** A test run (测试运行): started by hand for one customer; waits skipped, messages sent as test sends, the customer left unchanged. */
  test!: boolean;
  status!: RunStatus;
  /** The node to run next (active), or the node it waits in (waiting); null once finished. */
  nodeId!: string | null;
  /** When a waiting or active run is due. */
  dueAt!: Date | null;
  /** The message a webhook node waits for. */
  waitingDeliveryId!: string | null;
  /** Nodes run so far. */
  steps!: number;
  error!: string | null;
  startedAt!: Date;
  finishedAt!: Date | null;
  updatedAt!: Date;
  /** Who it runs for, named; null for a run without a customer. */
  customer!: CustomerSummaryView | null;
  /** The journey, named. */
  journey!: NamedRefView;
  /** What starts the run's version, named. */
  trigger!: RunTriggerView | null;
  /** The label of `nodeId` in the run's version; null without one. */
  nodeLabel!: string | null;
}

export class JourneyRunPage extends PageOf(JourneyRunView) {}

/** One node a run went through (or is in: outcome `waiting`). */
export class JourneyStepView {
  nodeId!: string;
  /** The node's label in the run's version (the name a marketer gave it); null without one. */
  nodeLabel!: string | null;
  /** The node's type. */
  type!: string;
  outcome!: StepOutcome;
  startedAt!: Date;
  finishedAt!: Date | null;
  /** The message a webhook node made. */
  deliveryId!: string | null;
  /** That message's address in the API (`/api/deliveries/<id>`). */
  delivery!: string | null;

  @ApiProperty({ ...FREE_JSON, nullable: true, description: 'What happened: the branch, the changes, the response (status, headers, body), the error.' })
  detail!: Record<string, unknown> | null;
}

/** What a run carries from node to node (templates and conditions read it). */
export class RunContextView {
  @ApiProperty({ ...FREE_JSON, description: 'The occurrence that started the run: the event, the form submission, the inbound request.' })
  trigger!: Record<string, unknown>;

  @ApiProperty({ ...FREE_JSON, description: 'Template namespaces of the occurrence besides `trigger`.' })
  vars!: Record<string, unknown>;

  @ApiProperty({ ...FREE_JSON, description: "Webhook nodes' outcomes: nodes.<id> = {deliveryId, outcome, response: {status, headers, body}}." })
  nodes!: Record<string, unknown>;
}

/** A run with its context and step log (each webhook step links to its message). */
export class JourneyRunDetail extends JourneyRunView {
  context!: RunContextView;
  stepLog!: JourneyStepView[];
}
