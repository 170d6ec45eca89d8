import { ApiProperty } from '@nestjs/swagger';
import { FieldProblemDto } from '../../openapi/error-response.dto';
import { PageOf } from '../../openapi/page.dto';
import type { JourneyNode, JourneyTrigger, Reentry } from '../journey-definition';
import type { JourneyStatus } from '../journey.entity';
import { NODES_SCHEMA, TRIGGER_SCHEMA } from './journey-definition.dto';

/** Runs by status; `entered` is all of them. */
export class JourneyCountersView {
  entered!: number;
  active!: number;
  waiting!: number;
  completed!: number;
  failed!: number;
  cancelled!: number;
}

/** The definition's parts, as saved. */
export class JourneyDefinitionView {
  @ApiProperty(TRIGGER_SCHEMA)
  trigger!: JourneyTrigger;

  /** The first node's id. */
  start!: string;

  @ApiProperty(NODES_SCHEMA)
  nodes!: JourneyNode[];
}

/** A journey (自动流程): its latest definition, status, version and run counts. */
export class JourneyView extends JourneyDefinitionView {
  id!: number;
  name!: string;
  status!: JourneyStatus;
  /** once: a customer enters at most once; always: on every trigger occurrence. */
  reentry!: Reentry;
  /** The version new runs start on (0: never activated). */
  version!: number;
  activatedAt!: Date | null;
  archivedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  counters!: JourneyCountersView;
}

export class JourneyPage extends PageOf(JourneyView) {}

/** An immutable snapshot of a journey, made on activation and on each edit after it; runs keep theirs. */
export class JourneyVersionView extends JourneyDefinitionView {
  /** The version's own id (a run's versionId). */
  id!: number;
  version!: number;
  name!: string;
  reentry!: Reentry;
  createdAt!: Date;
}

export class JourneyVersionPage extends PageOf(JourneyVersionView) {}

/** What a save would answer about a definition, without saving. */
export class JourneyValidationView {
  valid!: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Path → English messages (`nodes[3].next`), the same as `problems`.',
    example: { 'nodes[0].next': ['nodes[0].next names no node ("x")'] },
  })
  errors!: Record<string, string[]>;

  /** Each problem at its path, with a code and params (the console words them). */
  problems!: FieldProblemDto[];
}
