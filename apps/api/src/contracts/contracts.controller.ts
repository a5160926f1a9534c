import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@pactum/domain';
import type { ContractActionName } from '@pactum/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ContractsService, type ListQuery } from './contracts.service';

class CreateContractBody {
  @ApiProperty({ example: 'NWF-MSA-2026-001' }) code!: string;
  @ApiPropertyOptional({ example: 'Northwind MSA' }) description?: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '2026-01-01T00:00:00Z' }) startsAt!: string;
  @ApiProperty({ example: '2027-12-31T23:59:59Z' }) endsAt!: string;
  @ApiProperty({ example: 'o=Acme Industrial Supply,o=Root Organization' }) seller!: string;
  @ApiProperty({ example: [{ organization: 'ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization' }] }) buyers!: object[];
  @ApiPropertyOptional({ example: 'Northwind Fabrication' }) account?: string;
  @ApiPropertyOptional({ example: null, nullable: true }) baseContract?: object | null;
  @ApiProperty({ example: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' }, { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' }] }) terms!: object[];
}

class ActionBody {
  @ApiPropertyOptional({ description: 'approve: an optional comment' }) comment?: string;
  @ApiPropertyOptional({ description: 'reject and cancel: the reason (required)' }) reason?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function checkId(id: string): string {
  if (!UUID.test(id)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid contract id', [{ field: 'id', message: 'must be a UUID' }]);
  return id.toLowerCase();
}

function actionBody(body: unknown): ActionBody {
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
@Controller('api/v1/contracts')
export class ContractsController {
  constructor(@Inject(ContractsService) private readonly contracts: ContractsService) {}

  @Post()
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Create a draft contract; its workflow starts and persists it before the answer' })
  @ApiBody({ type: CreateContractBody })
  create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.contracts.create(actor, body);
  }

  @Get()
  @Roles(...READERS)
  @ApiQuery({ name: 'code', required: false }) @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'buyer', required: false }) @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'pageSize', required: false })
  list(@CurrentActor() actor: Actor, @Query() query: ListQuery) {
    return this.contracts.list(actor, query);
  }

  @Get(':id')
  @Roles(...READERS)
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.contracts.read(actor, checkId(id));
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The audit trail: every step with its actor' })
  history(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.contracts.history(actor, checkId(id));
  }

  @Delete(':id')
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Delete (Draft, Rejected, Closed, Cancelled): marked deleted, kept for audit' })
  async remove(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.contracts.act(actor, checkId(id), 'delete');
    return { id, deleted: true };
  }

  @Patch(':id')
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Edit profile fields of a Draft or Rejected contract (owning rep); a Rejected one returns to Draft' })
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

  @Put(':id/terms')
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Replace the terms of a Draft or Rejected contract (owning rep): body is the list of terms, or { terms }' })
  putTerms(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const terms = Array.isArray(body) ? body : objectBody(body).terms;
    if (!Array.isArray(terms)) throw DomainError.validation([{ field: 'terms', message: 'must be a list of terms' }]);
    return this.contracts.edit(actor, checkId(id), { terms });
  }

  @Post(':id/new-version') @HttpCode(201) @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Copy an Approved/Active/Suspended contract into a Draft with the minor version + 1' })
  newVersion(@CurrentActor() a: Actor, @Param('id') id: string) { return this.contracts.newVersion(a, checkId(id)); }

  @Post(':id/submit') @HttpCode(200) @Roles('account_rep', 'admin') @ApiBody({ type: ActionBody, required: false })
  submit(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'submit', b); }

  @Post(':id/approve') @HttpCode(200) @Roles('sales_manager') @ApiBody({ type: ActionBody, required: false })
  approve(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'approve', b); }

  @Post(':id/reject') @HttpCode(200) @Roles('sales_manager') @ApiBody({ type: ActionBody })
  reject(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'reject', b); }

  @Post(':id/deploy') @HttpCode(200) @Roles('account_rep', 'sales_manager', 'admin') @ApiBody({ type: ActionBody, required: false })
  deploy(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'deploy', b); }

  @Post(':id/suspend') @HttpCode(200) @Roles('sales_manager', 'admin') @ApiBody({ type: ActionBody, required: false })
  suspend(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'suspend', b); }

  @Post(':id/resume') @HttpCode(200) @Roles('sales_manager', 'admin') @ApiBody({ type: ActionBody, required: false })
  resume(@CurrentActor() a: Actor, @Param('id') id: string, @Body() b: unknown) { return this.act(a, id, 'resume', b); }

  @Post(':id/cancel') @HttpCode(200) @Roles('account_rep', 'sales_manager', 'admin') @ApiBody({ type: ActionBody })
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
