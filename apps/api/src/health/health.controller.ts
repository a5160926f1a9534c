import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Connection } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

const CHECK_TIMEOUT_MS = 2000;

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

/** 200 when Postgres and Temporal both answer, 503 naming the one that does not. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(Connection) private readonly temporal: Connection) {}

  @Public()
  @Get()
  async health(@Res() reply: FastifyReply) {
    const [database, temporal] = await Promise.all([
      within(CHECK_TIMEOUT_MS, this.db.query('SELECT 1')).then(() => 'up' as const, (e: Error) => ({ status: 'down', reason: e.message })),
      within(CHECK_TIMEOUT_MS, this.temporal.healthService.check({})).then(() => 'up' as const, (e: Error) => ({ status: 'down', reason: e.message })),
    ]);
    const ok = database === 'up' && temporal === 'up';
    const checks = { database: database === 'up' ? 'up' : 'down', temporal: temporal === 'up' ? 'up' : 'down' };
    const reasons = { ...(database !== 'up' ? { database: database.reason } : {}), ...(temporal !== 'up' ? { temporal: temporal.reason } : {}) };
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks, ...(ok ? {} : { reasons }) });
  }
}
