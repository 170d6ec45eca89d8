import { ApiProperty } from '@nestjs/swagger';

export class HealthIndicatorView {
  status!: 'up' | 'down';
  /** Why it is down (`timeout after 1000 ms`). */
  message?: string;
}

export class HealthComponentsView {
  database!: HealthIndicatorView;
  redis!: HealthIndicatorView;
}

/** All is well: the database and Redis answer (terminus's result). */
export class HealthView {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
  /** The components that are up: all of them. */
  info!: HealthComponentsView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthIndicatorView' },
    description: 'The components that are down: none.',
  })
  error!: Record<string, HealthIndicatorView>;
  details!: HealthComponentsView;
}
