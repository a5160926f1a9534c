import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUuid, DomainError, type Actor } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { ContractPreviewService } from './contract-preview.service';

const AUTHORS = ['account_rep', 'sales_manager', 'admin'] as const;

/** Price preview and overlap warnings of drafts, for the contract editor and the approval inbox. */
@ApiTags('contracts')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/contracts')
export class ContractPreviewController {
  constructor(@Inject(ContractPreviewService) private readonly previews: ContractPreviewService) {}

  @Post('preview') @HttpCode(200) @Roles(...AUTHORS)
  @ApiOperation({ summary: 'What a buyer would pay for these lines under a draft, as if it were deployed and in force from its start, with the explanation lines checkout gives; deploys and records nothing' })
  @JsonBody('ContractPreviewRequest') @JsonResponse(200, 'ContractPreview') @ErrorResponses(400, 404, 422)
  preview(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.previews.preview(actor, body);
  }

  @Post('overlaps') @HttpCode(200) @Roles(...AUTHORS)
  @ApiOperation({ summary: 'Other contracts in force for the draft\'s buyers that also price (or exclude) what the draft prices, and which price would win; warnings, never a refusal' })
  @JsonBody('ContractOverlapsRequest') @JsonResponse(200, 'ContractOverlaps') @ErrorResponses(400, 404, 422)
  overlapsOfDraft(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.previews.overlapsOfDraft(actor, body);
  }

  @Get(':id/overlaps') @Roles(...AUTHORS)
  @ApiOperation({ summary: 'The overlap warnings of a saved contract, as if it were deployed' })
  @JsonResponse(200, 'ContractOverlaps') @ErrorResponses(400, 404, 422)
  overlapsOfContract(@CurrentActor() actor: Actor, @Param('id') id: string) {
    if (!isUuid(id)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid contract id', [{ field: 'id', message: 'must be a UUID' }]);
    return this.previews.overlapsOfContract(actor, id.toLowerCase());
  }
}
