import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Actor } from '@pactum/domain';
import { DashboardStore } from '@pactum/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, JsonResponse } from '../openapi/openapi.decorators';

@ApiTags('dashboard')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/dashboard')
export class DashboardController {
  private readonly store: DashboardStore;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.store = new DashboardStore(dataSource);
  }

  @Get()
  @Roles('account_rep', 'sales_manager', 'integration', 'admin')
  @ApiOperation({ summary: 'The web app\'s dashboard over the contracts the caller may read: contracts by status, approvals waiting by age, contracts expiring within 30/60/90 days, right-to-buy consumption per contract' })
  @JsonResponse(200, 'Dashboard')
  figures(@CurrentActor() actor: Actor) {
    return this.store.figures(actor.username);
  }
}
