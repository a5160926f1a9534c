import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { ContractRequestsService } from './contract-requests.service';

@ApiTags('contract requests')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/contract-requests')
export class ContractRequestsController {
  constructor(@Inject(ContractRequestsService) private readonly service: ContractRequestsService) {}

  @Post()
  @Roles('integration', 'account_rep', 'admin')
  @ApiOperation({ summary: 'Ask a seller for a contract: { seller, buyer, customerName, message?, customerNumber?, currency? } → 201; the seller desk is mailed accept/decline links' })
  @JsonBody('ContractRequestInput') @JsonResponse(201, 'ContractRequest') @ErrorResponses(400, 422)
  create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.service.create(actor, body);
  }

  @Get()
  @Roles('integration', 'account_rep', 'sales_manager', 'admin')
  @ApiOperation({ summary: "Requests to the caller's organisation (representatives, managers) or made by the caller" })
  @JsonResponse(200, 'ContractRequest', 'the requests', { array: true })
  list(@CurrentActor() actor: Actor) {
    return this.service.list(actor);
  }

  @Get(':id')
  @Roles('integration', 'account_rep', 'sales_manager', 'admin')
  @JsonResponse(200, 'ContractRequest') @ErrorResponses(404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.service.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Accept: { customerNumber, currency } (default: the request\'s) → the request and the new Draft contract, owned by the caller' })
  @JsonBody('ContractRequestAccept', false) @JsonResponse(200, 'ContractRequestDecision') @ErrorResponses(404, 409, 422, 503)
  accept(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.service.decide(actor, id, 'accept', body);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Decline: { reason }' })
  @JsonBody('ContractRequestDecline') @JsonResponse(200, 'ContractRequestDecision') @ErrorResponses(404, 409, 422)
  decline(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.service.decide(actor, id, 'decline', body);
  }
}
