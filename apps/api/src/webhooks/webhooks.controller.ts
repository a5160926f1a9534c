import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@pactum/config';
import { isUuid, DomainError, hasRole, type Actor } from '@pactum/domain';
import { WebhookStore, type WebhookDeliveryStatus, type WebhookSubscription } from '@pactum/persistence';
import { WebhookTargetError, checkWebhookTarget, newWebhookSecret } from '@pactum/security';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse, NoContentResponse } from '../openapi/openapi.decorators';
import { readGraceMinutes, readWebhookRequest } from './webhook-request';

const STATUSES: WebhookDeliveryStatus[] = ['pending', 'delivered', 'failed'];

/**
 * Webhook subscriptions (integration, admin). An integration user sees and changes the
 * subscriptions they created; an admin all of them. Someone else's subscription is a 404, as a
 * missing one, so ids cannot be probed.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(@Inject(WebhookStore) private readonly store: WebhookStore, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post()
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Subscribe: { url, events ("*" or a list), description?, filter?: { seller?, buyer?, account? } } → 201 with the signing secret (shown once)' })
  @JsonBody('WebhookCreateRequest') @JsonResponse(201, 'WebhookCreated', 'the subscription with its signing secret (shown once)') @ErrorResponses(400, 422)
  async create(@CurrentActor() actor: Actor, @Body() raw: unknown): Promise<WebhookSubscription & { secret: string }> {
    const req = readWebhookRequest(raw, 'create');
    const url = await this.checkedUrl(req.url!);
    const secret = newWebhookSecret();
    const created = await this.store.create({
      owner: actor.username, taskQueue: this.config.temporal.taskQueue, url, events: req.events!, description: req.description ?? null, filter: req.filter ?? {}, secret,
    });
    return { ...created, secret };
  }

  @Get()
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'My webhook subscriptions (an admin: all)' })
  @JsonResponse(200, 'Webhook', 'the subscriptions', { array: true })
  list(@CurrentActor() actor: Actor) {
    return this.store.list(ownerOf(actor));
  }

  @Get(':id')
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'One webhook subscription (never its secret)' })
  @JsonResponse(200, 'Webhook') @ErrorResponses(404)
  async get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.found(await this.store.find(checkedId(id), ownerOf(actor)), id);
  }

  @Patch(':id')
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Change url, events, description, filter, or enabled (enabling a disabled subscription retries what waits)' })
  @JsonBody('WebhookPatchRequest') @JsonResponse(200, 'Webhook') @ErrorResponses(400, 404, 422)
  async update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() raw: unknown) {
    const req = readWebhookRequest(raw, 'patch');
    const key = checkedId(id);
    this.found(await this.store.find(key, ownerOf(actor)), id);
    const url = req.url === undefined ? undefined : await this.checkedUrl(req.url);
    return this.found(await this.store.update(key, ownerOf(actor), { ...req, url }), id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Delete a subscription and its deliveries' })
  @NoContentResponse('deleted') @ErrorResponses(404)
  async remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    if (!(await this.store.remove(checkedId(id), ownerOf(actor)))) throw notFound(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'A new signing secret (shown once); the old one keeps signing beside it for graceMinutes (default 1440)' })
  @JsonBody('WebhookRotateRequest', false) @JsonResponse(200, 'WebhookSecretRotation', 'the new secret (shown once)') @ErrorResponses(404, 422)
  async rotate(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() raw: unknown) {
    const graceMinutes = readGraceMinutes(raw);
    const secret = newWebhookSecret();
    const rotated = await this.store.rotateSecret(checkedId(id), ownerOf(actor), secret, graceMinutes * 60);
    if (!rotated) throw notFound(id);
    return { id, secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt };
  }

  @Get(':id/deliveries')
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Deliveries, newest first: status, attempts, last response code and time' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES }) @ApiQuery({ name: 'before', required: false }) @ApiQuery({ name: 'limit', required: false })
  @JsonResponse(200, 'WebhookDelivery', 'newest first', { array: true }) @ErrorResponses(400, 404)
  async deliveries(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('status') status?: string, @Query('before') before?: string, @Query('limit') limit?: string) {
    const key = checkedId(id);
    if (status !== undefined && !STATUSES.includes(status as WebhookDeliveryStatus)) throw badQuery('status', `must be one of ${STATUSES.join(', ')}`);
    if (before !== undefined && !/^\d{1,18}$/.test(before)) throw badQuery('before', 'must be a delivery id');
    if (limit !== undefined && (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 200)) throw badQuery('limit', 'must be from 1 to 200');
    this.found(await this.store.find(key, ownerOf(actor)), id);
    return this.store.deliveries(key, { status: status as WebhookDeliveryStatus | undefined, before, limit: limit ? Number(limit) : 50 });
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @HttpCode(202)
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Send a delivery again, with the same webhook-id (due now, with a fresh retry window; on a disabled subscription, once it is enabled)' })
  @JsonResponse(202, 'WebhookDelivery', 'due again now') @ErrorResponses(404)
  async resend(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    const key = checkedId(id);
    this.found(await this.store.find(key, ownerOf(actor)), id);
    const delivery = /^\d{1,18}$/.test(deliveryId) ? await this.store.resend(key, deliveryId) : null;
    if (!delivery) throw new DomainError('not_found', 'WEBHOOK_DELIVERY_NOT_FOUND', `No delivery ${deliveryId} of webhook ${id}`);
    return delivery;
  }

  /** The URL as stored: its form, and every address of its host public unless WEBHOOK_ALLOWED_HOSTS names it. */
  private async checkedUrl(raw: string): Promise<string> {
    try {
      return (await checkWebhookTarget(raw, { allowedHosts: this.config.webhooks.allowedHosts })).url.href;
    } catch (err) {
      if (err instanceof WebhookTargetError) throw DomainError.validation([{ field: 'url', message: err.message }], `The webhook URL is refused: it ${err.message}`);
      throw err;
    }
  }

  private found<T>(value: T | null, id: string): T {
    if (!value) throw notFound(id);
    return value;
  }
}

/** Admins act on every subscription; everyone else on their own. */
function ownerOf(actor: Actor): string | undefined {
  return hasRole(actor, 'admin') ? undefined : actor.username;
}

function checkedId(id: string): string {
  if (!isUuid(id)) throw notFound(id);
  return id.toLowerCase();
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', 'WEBHOOK_NOT_FOUND', `No webhook subscription ${id}`);
}

function badQuery(field: string, message: string): DomainError {
  return new DomainError('bad_request', 'BAD_REQUEST', `Invalid ${field}`, [{ field, message }]);
}
