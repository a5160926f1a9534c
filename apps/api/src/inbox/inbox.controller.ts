import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isUuid, DomainError, type Actor } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { InboxService, type PageQuery } from './inbox.service';

function checkId(id: string): string {
  if (!isUuid(id)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid contract id', [{ field: 'id', message: 'must be a UUID' }]);
  return id.toLowerCase();
}

@ApiTags('inbox')
@Controller()
export class InboxController {
  constructor(@Inject(InboxService) private readonly inbox: InboxService) {}

  @Get('api/v1/inbox')
  @ApiBearerAuth()
  @Roles('sales_manager')
  @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'pageSize', required: false, description: '1–200, default 50' })
  @ApiOperation({ summary: 'Contracts waiting for this manager, oldest submission first (never the ones they submitted or own), with value, age, time left before escalation and a redline summary' })
  @JsonResponse(200, 'InboxPage') @AuthErrors() @ErrorResponses(400)
  pending(@CurrentActor() actor: Actor, @Query() query: PageQuery) {
    return this.inbox.pending(actor, query);
  }

  @Post('api/v1/inbox/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('sales_manager')
  @JsonBody('BulkApproveRequest') @JsonResponse(200, 'BulkApproveResult', 'a result per id') @AuthErrors() @ErrorResponses(400, 422)
  @ApiOperation({ summary: 'Approve several contracts: each through its workflow, with a result per id (one failure does not stop the others)' })
  approveMany(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.inbox.approveMany(actor, body);
  }

  @Get('api/v1/inbox/:id')
  @ApiBearerAuth()
  @Roles('sales_manager', 'account_rep', 'admin')
  @ApiOperation({ summary: 'A contract with its readable terms and the full redline against its previous version' })
  @JsonResponse(200, 'InboxDetail') @AuthErrors() @ErrorResponses(400, 404)
  detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.inbox.detail(actor, checkId(id));
  }

  @Get('api/v1/my-contracts')
  @ApiBearerAuth()
  @Roles('account_rep', 'admin')
  @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'pageSize', required: false, description: '1–200, default 50' })
  @ApiOperation({ summary: 'The contracts this representative owns, newest first, with their status timeline and the last rejection reason' })
  @JsonResponse(200, 'MyContractsPage') @AuthErrors() @ErrorResponses(400)
  mine(@CurrentActor() actor: Actor, @Query() query: PageQuery) {
    return this.inbox.mine(actor, query);
  }
}
