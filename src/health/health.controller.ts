import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth.decorators';
import { HealthView } from './dto/health-view.dto';
import { healthFailure } from './health-failure';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Public()
  @Get()
  // Not cached; documented here, not by terminus (its 503 schema is not what the error filter answers).
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness and readiness: 200 when the database and Redis answer' })
  @ApiResponse({ status: 200, type: HealthView })
  @ApiResponse({
    status: 503,
    description:
      'A component is down: `code` is database_unavailable, redis_unavailable or unavailable (both, or shutting down); ' +
      '`params` gives each component\'s status (`{database: "down", redis: "up"}`)',
  })
  async check(): Promise<HealthView> {
    try {
      // check() returns only when every component is up (else it throws): info and details name both.
      return (await this.health.check([() => this.database.pingCheck('database', { timeout: 1000 }), () => this.redis.check()])) as unknown as HealthView;
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw healthFailure(error.getResponse() as HealthCheckResult);
      throw error;
    }
  }
}
