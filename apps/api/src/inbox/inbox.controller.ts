import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src';
import { ContractStore } from '../../../../libs/persistence/src';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { contractView } from '../contracts/contract.view';
import { INBOX_PAGE } from './inbox.page';

@ApiTags('inbox')
@Controller()
export class InboxController {
  constructor(@Inject(ContractStore) private readonly store: ContractStore) {}

  @Get('api/v1/inbox')
  @ApiBearerAuth()
  @Roles('sales_manager')
  @ApiOperation({ summary: 'Contracts waiting for this manager, oldest first (never the ones they submitted)' })
  async inbox(@CurrentActor() actor: Actor) {
    const { items } = await this.store.list({ status: 'PENDING_APPROVAL', page: 1, pageSize: 500 });
    const now = Date.now();
    return items
      .filter((r) => r.contract.submittedBy !== actor.username && r.contract.owner !== actor.username)
      .sort((a, b) => a.contract.updatedAt.getTime() - b.contract.updatedAt.getTime())
      .map((r) => ({ ...contractView(r), submitter: r.contract.submittedBy, waitingSeconds: Math.round((now - r.contract.updatedAt.getTime()) / 1000) }));
  }

  @Public()
  @Get('inbox')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'")
  page() {
    return INBOX_PAGE;
  }
}
