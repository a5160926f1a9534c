import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { JsonResponse } from '../openapi/openapi.decorators';
import { DependencyHealth } from './dependency-health';

/**
 * Readiness (`/health`, also `/health/ready`): 200 when Postgres and Temporal both answer, 503
 * naming the one that does not. Liveness (`/health/live`): 200 while the process answers at all.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(DependencyHealth) private readonly dependencies: DependencyHealth) {}

  @Public()
  @Get('live')
  @JsonResponse(200, 'Liveness')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get(['', 'ready'])
  @JsonResponse(200, 'Health', 'Postgres and Temporal answer') @JsonResponse(503, 'Health', 'a dependency does not answer: the failing check and its reason')
  async health(@Res() reply: FastifyReply) {
    const [database, temporal] = await Promise.all([this.dependencies.checkDatabase(), this.dependencies.checkTemporal()]);
    const ok = database === 'up' && temporal === 'up';
    const checks = { database: database === 'up' ? 'up' : 'down', temporal: temporal === 'up' ? 'up' : 'down' };
    const reasons = { ...(database !== 'up' ? { database: database.reason } : {}), ...(temporal !== 'up' ? { temporal: temporal.reason } : {}) };
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks, ...(ok ? {} : { reasons }) });
  }
}
