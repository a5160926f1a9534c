import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExcludeEndpoint, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { InboxService, type PageQuery } from './inbox.service';
import { INBOX_PAGE } from './inbox.page';
import { INBOX_SCRIPT } from './inbox.script';
import { INBOX_STYLES } from './inbox.styles';

class BulkApproveBody {
  @ApiProperty({ example: ['6f1c1d2e-0000-4000-8000-000000000001'], description: '1 to 100 contract ids' }) ids!: string[];
  @ApiPropertyOptional({ description: 'A comment recorded with every approval' }) comment?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function checkId(id: string): string {
  if (!UUID.test(id)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid contract id', [{ field: 'id', message: 'must be a UUID' }]);
  return id.toLowerCase();
}

/** The page loads only same-origin script and styles: no inline code, nothing from elsewhere. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

@ApiTags('inbox')
@Controller()
export class InboxController {
  constructor(@Inject(InboxService) private readonly inbox: InboxService) {}

  @Get('api/v1/inbox')
  @ApiBearerAuth()
  @Roles('sales_manager')
  @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'pageSize', required: false, description: '1–200, default 50' })
  @ApiOperation({ summary: 'Contracts waiting for this manager, oldest submission first (never the ones they submitted or own), with value, age, time left before escalation and a redline summary' })
  pending(@CurrentActor() actor: Actor, @Query() query: PageQuery) {
    return this.inbox.pending(actor, query);
  }

  @Post('api/v1/inbox/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('sales_manager')
  @ApiBody({ type: BulkApproveBody })
  @ApiOperation({ summary: 'Approve several contracts: each through its workflow, with a result per id (one failure does not stop the others)' })
  approveMany(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.inbox.approveMany(actor, body);
  }

  @Get('api/v1/inbox/:id')
  @ApiBearerAuth()
  @Roles('sales_manager', 'account_rep', 'admin')
  @ApiOperation({ summary: 'A contract with its readable terms and the full redline against its previous version' })
  detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.inbox.detail(actor, checkId(id));
  }

  @Get('api/v1/my-contracts')
  @ApiBearerAuth()
  @Roles('account_rep', 'admin')
  @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'pageSize', required: false, description: '1–200, default 50' })
  @ApiOperation({ summary: 'The contracts this representative owns, newest first, with their status timeline and the last rejection reason' })
  mine(@CurrentActor() actor: Actor, @Query() query: PageQuery) {
    return this.inbox.mine(actor, query);
  }

  @Public()
  @Get('inbox')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CSP)
  @Header('x-content-type-options', 'nosniff')
  @Header('referrer-policy', 'no-referrer')
  @Header('cache-control', 'no-store')
  page() {
    return INBOX_PAGE;
  }

  @Public()
  @Get('inbox/app.js')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'no-cache')
  script() {
    return INBOX_SCRIPT;
  }

  @Public()
  @Get('inbox/app.css')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'no-cache')
  styles() {
    return INBOX_STYLES;
  }
}
