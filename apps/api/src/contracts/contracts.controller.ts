import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isUuid, DomainError, type Actor } from '@pactum/domain';
import type { ContractActionName } from '@pactum/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { ContractPreviewService } from './contract-preview.service';
import { ContractsService, type ListQuery } from './contracts.service';

function checkId(id: string): string {
  if (!isUuid(id)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid contract id', [{ field: 'id', message: 'must be a UUID' }]);
  return id.toLowerCase();
}

function actionBody(body: unknown): { comment?: string; reason?: string } {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: '', message: 'must be an object' }]);
  const b = body as Record<string, unknown>;
  const problems = (['comment', 'reason'] as const)
    .filter((k) => b[k] !== undefined && (typeof b[k] !== 'string' || (b[k] as string).length > 4000))
    .map((k) => ({ field: k, message: 'must be a string of at most 4000 characters' }));
  if (problems.length) throw DomainError.validation(problems);
  return { comment: b.comment as string | undefined, reason: b.reason as string | undefined };
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: '', message: 'must be an object' }]);
  }
  return body as Record<string, unknown>;
}

const READERS = ['account_rep', 'sales_manager', 'integration', 'admin'] as const;

@ApiTags('contracts')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/contracts')
export class ContractsController {
  constructor(
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(ContractPreviewService) private readonly previews: ContractPreviewService,
  ) {}

  @Post()
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Create a draft contract; its workflow starts and persists it before the answer' })
  @JsonBody('ContractDraft') @JsonResponse(201, 'Contract', 'the new Draft') @ErrorResponses(400, 409, 422, 503)
  create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.contracts.create(actor, body);
  }

  @Get()
  @Roles(...READERS)
  @ApiQuery({ name: 'code', required: false }) @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'buyer', required: false, description: 'a buyer organisation\'s distinguished name, exactly' })
  @ApiQuery({ name: 'search', required: false, description: 'part of the code, the description or a buyer\'s name or member group, any case' })
  @ApiQuery({ name: 'isBase', required: false, enum: ['true', 'false'], description: 'only base contracts, or only customer contracts' })
  @ApiQuery({ name: 'expiringWithinDays', required: false, description: 'only contracts in force (Active, Approved, Suspended) ending within this many days' })
  @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'pageSize', required: false })
  @JsonResponse(200, 'ContractPage') @ErrorResponses(400)
  list(@CurrentActor() actor: Actor, @Query() query: ListQuery) {
    return this.contracts.list(actor, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @JsonResponse(200, 'Contract') @ErrorResponses(400, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.contracts.read(actor, checkId(id));
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The audit trail: every step with its actor' })
  @JsonResponse(200, 'HistoryEntry', 'oldest first', { array: true }) @ErrorResponses(400, 404)
  history(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.contracts.history(actor, checkId(id));
  }

  @Delete(':id')
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Delete (Draft, Rejected, Closed, Cancelled): marked deleted, kept for audit' })
  @JsonResponse(200, 'ContractDeleted') @ErrorResponses(400, 404, 409, 503)
  async remove(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.contracts.act(actor, checkId(id), 'delete');
    return { id, deleted: true };
  }

  @Patch(':id')
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Edit profile fields of a Draft or Rejected contract (owning rep); a Rejected one returns to Draft' })
  @JsonBody('ContractPatch') @JsonResponse(200, 'Contract') @ErrorResponses(400, 404, 409, 422, 503)
  patch(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const patch = objectBody(body);
    const fixed = ['terms', 'code', 'seller'].filter((k) => k in patch);
    if (fixed.length) {
      throw DomainError.validation(fixed.map((field) => ({
        field, message: field === 'terms' ? 'is replaced with PUT /api/v1/contracts/{id}/terms' : 'is part of the unique key and cannot change',
      })));
    }
    return this.contracts.edit(actor, checkId(id), patch);
  }

  @Put(':id')
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Replace a Draft or Rejected contract as a whole (owning rep): the create body, without or with its unchanged code and seller; profile, buyers and terms are checked together and change in one step or not at all. A Rejected one returns to Draft' })
  @JsonBody('ContractDraft') @JsonResponse(200, 'Contract') @ErrorResponses(400, 404, 409, 422, 503)
  replace(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.contracts.replace(actor, checkId(id), objectBody(body));
  }

  @Put(':id/terms')
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Replace the terms of a Draft or Rejected contract (owning rep): body is the list of terms, or { terms }' })
  @JsonBody('ContractTerms') @JsonResponse(200, 'Contract') @ErrorResponses(400, 404, 409, 422, 503)
  putTerms(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const terms = Array.isArray(body) ? body : objectBody(body).terms;
    if (!Array.isArray(terms)) throw DomainError.validation([{ field: 'terms', message: 'must be a list of terms' }]);
    return this.contracts.edit(actor, checkId(id), { terms });
  }

  @Post(':id/new-version') @HttpCode(201) @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Copy an Approved/Active/Suspended contract into a Draft with the minor version + 1' })
  @JsonResponse(201, 'Contract', 'the new Draft version') @ErrorResponses(400, 404, 409, 422, 503)
  newVersion(@CurrentActor() a: Actor, @Param('id') id: string) { return this.contracts.newVersion(a, checkId(id)); }

  @Post(':id/submit') @HttpCode(200) @Roles('account_rep', 'admin') @JsonBody('ContractAction', false) @JsonResponse(200, 'ContractSubmitted', 'the contract once its workflow accepted the step, with its overlap warnings') @ErrorResponses(400, 404, 409, 422, 503)
  async submit(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) {
    const contract = (await this.act(a, id, 'submit', b))!;
    // Warnings, not a refusal: the submit has happened; they tell the rep what to look at.
    return { ...contract, warnings: await this.previews.warningsFor(contract.id) };
  }

  @Post(':id/approve') @HttpCode(200) @Roles('sales_manager') @JsonBody('ContractAction', false) @JsonResponse(200, 'Contract', 'the contract once its workflow accepted the step') @ErrorResponses(400, 404, 409, 422, 503)
  approve(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'approve', b); }

  @Post(':id/reject') @HttpCode(200) @Roles('sales_manager') @JsonBody('ContractReason') @JsonResponse(200, 'Contract', 'the contract once its workflow accepted the step') @ErrorResponses(400, 404, 409, 422, 503)
  reject(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'reject', b); }

  @Post(':id/deploy') @HttpCode(200) @Roles('account_rep', 'sales_manager', 'admin') @JsonBody('ContractAction', false) @JsonResponse(200, 'Contract', 'the contract once its workflow accepted the step') @ErrorResponses(400, 404, 409, 422, 503)
  deploy(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'deploy', b); }

  @Post(':id/suspend') @HttpCode(200) @Roles('sales_manager', 'admin') @JsonBody('ContractAction', false) @JsonResponse(200, 'Contract', 'the contract once its workflow accepted the step') @ErrorResponses(400, 404, 409, 422, 503)
  suspend(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'suspend', b); }

  @Post(':id/resume') @HttpCode(200) @Roles('sales_manager', 'admin') @JsonBody('ContractAction', false) @JsonResponse(200, 'Contract', 'the contract once its workflow accepted the step') @ErrorResponses(400, 404, 409, 422, 503)
  resume(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'resume', b); }

  @Post(':id/cancel') @HttpCode(200) @Roles('account_rep', 'sales_manager', 'admin') @JsonBody('ContractReason') @JsonResponse(200, 'Contract', 'the contract once its workflow accepted the step') @ErrorResponses(400, 404, 409, 422, 503)
  cancel(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'cancel', b); }

  private act(actor: Actor, id: string, action: ContractActionName, body: unknown) {
    const checked = checkId(id);
    const parsed = actionBody(body);
    if ((action === 'reject' || action === 'cancel') && !parsed.reason?.trim()) {
      throw DomainError.validation([{ field: 'reason', message: `is required to ${action}` }]);
    }
    return this.contracts.act(actor, checked, action, parsed);
  }
}
