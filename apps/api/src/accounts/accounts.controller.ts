import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Actor } from '@pactum/domain';
import { AccountStore } from '@pactum/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, JsonResponse } from '../openapi/openapi.decorators';

@ApiTags('accounts')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/accounts')
export class AccountsController {
  private readonly store: AccountStore;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.store = new AccountStore(dataSource);
  }

  @Get()
  @Roles('account_rep', 'sales_manager', 'admin')
  @ApiOperation({ summary: 'The business accounts of the sellers the caller acts for, each with the organisations (its holder and every organisation below it) and member groups a contract of the account can name as buyers' })
  @JsonResponse(200, 'AccountBuyers', 'sorted by name', { array: true })
  list(@CurrentActor() actor: Actor) {
    return this.store.accountsFor(actor.username);
  }
}
