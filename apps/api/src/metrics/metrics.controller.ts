import { Controller, Get, Inject, NotFoundException, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@pactum/config';
import { Public } from '../auth/public.decorator';
import { ErrorResponses, TextResponse } from '../openapi/openapi.decorators';
import { ApiMetrics } from './metrics';
import { metricsAuthorized } from './metrics-access';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Public unless METRICS_TOKEN is set; absent when METRICS_PORT moves it to a port of its own. */
  @Public()
  @Get()
  @TextResponse('text/plain', 'Prometheus text exposition format') @ErrorResponses(401, 404)
  async metricsText(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    if (this.config.metrics.port !== undefined) throw new NotFoundException();
    if (!metricsAuthorized(this.config, req.headers.authorization)) {
      reply.header('www-authenticate', 'Bearer');
      throw new UnauthorizedException('/metrics needs "Authorization: Bearer <METRICS_TOKEN>"');
    }
    reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
