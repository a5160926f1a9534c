import { Body, Controller, Delete, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { checkInstant, DomainError, type Actor, type ErrorDetail } from '@pactum/domain';
import { DelegationStore } from '@pactum/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';

function timestamp(body: Record<string, unknown>, field: string, problems: ErrorDetail[], fallback?: Date): Date | undefined {
  const v = body[field];
  if (v === undefined && fallback) return fallback;
  const checked = checkInstant(v);
  if (checked.problem !== undefined) {
    problems.push({ field, message: checked.problem });
    return undefined;
  }
  return new Date(checked.ms);
}

/** Out of office: a sales manager names a delegate for a period; approvals route to the delegate. */
@ApiTags('inbox')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/delegations')
export class DelegationsController {
  constructor(@Inject(DelegationStore) private readonly delegations: DelegationStore) {}

  @Post()
  @Roles('sales_manager')
  @ApiOperation({ summary: 'Delegate my approvals: { delegate, startsAt?, endsAt } (startsAt defaults to now)' })
  @JsonBody('DelegationRequest') @JsonResponse(201, 'Delegation') @ErrorResponses(400, 422)
  async create(@CurrentActor() actor: Actor, @Body() raw: unknown) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object');
    const body = raw as Record<string, unknown>;
    const problems: ErrorDetail[] = [];
    if (typeof body.delegate !== 'string' || !body.delegate.trim()) problems.push({ field: 'delegate', message: 'is required (a sales manager\'s username)' });
    const startsAt = timestamp(body, 'startsAt', problems, new Date());
    const endsAt = timestamp(body, 'endsAt', problems);
    if (problems.length) throw DomainError.validation(problems, 'The delegation is not valid');
    return this.delegations.create(actor.username, (body.delegate as string).trim(), startsAt!, endsAt!);
  }

  @Get()
  @Roles('sales_manager')
  @ApiOperation({ summary: 'My current and future delegations, given and received' })
  @JsonResponse(200, 'Delegation', 'newest first', { array: true })
  list(@CurrentActor() actor: Actor) {
    return this.delegations.currentFor(actor.username);
  }

  @Delete(':id')
  @Roles('sales_manager')
  @ApiOperation({ summary: 'End a delegation I gave' })
  @JsonResponse(200, 'Delegation', 'the delegation, ended') @ErrorResponses(404)
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('not_found', 'DELEGATION_NOT_FOUND', `No delegation ${id}`);
    return this.delegations.revoke(id, actor.username);
  }
}
