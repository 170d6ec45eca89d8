import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES, AUDIT_RESOURCES, type AuditAction, type AuditActorType, type AuditResource } from '../audit.types';

export class AuditActorView {
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES })
  type: AuditActorType;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The console user or API key id; null for the system or an anonymous caller.' })
  id: number | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: "As it was then: a user's email, a key's `name (hk_prefix)`, or on a failed sign-in the email typed.",
  })
  label: string | null;
}

export class AuditEntryView {
  @ApiProperty({ type: 'integer' })
  id: number;

  @ApiProperty({ format: 'date-time' })
  at: Date;

  @ApiProperty({ type: AuditActorView })
  actor: AuditActorView;

  @ApiProperty({ type: 'string', nullable: true, description: 'The address the request came from (behind TRUST_PROXY: the client).' })
  ip: string | null;

  @ApiProperty({ enum: AUDIT_RESOURCES })
  resource: AuditResource;

  @ApiProperty({ type: 'string', nullable: true })
  resourceId: string | null;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: AuditAction;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
    description: 'The fields changed: `{ field: { from?, to? } }` (a creation has only `to`, a deletion only `from`); secrets read "••••".',
  })
  diff: Record<string, { from?: unknown; to?: unknown }> | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] })
  items: AuditEntryView[];

  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `after` for the next (older) page; null on the last.' })
  nextCursor: number | null;
}
