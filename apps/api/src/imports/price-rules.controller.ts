import { Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isUuid, DomainError, parsePriceRulesCsv, type Actor, type TypedContractTerm } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonResponse } from '../openapi/openapi.decorators';
import { ContractsService } from '../contracts/contracts.service';

/**
 * Workspace price-rule CSV → the contract's PriceRule term (its rules replaced, or a new term
 * appended). The rules live in contract_price_rules like any term's, so checkout reads them once the
 * contract is deployed; the change goes through the contract's workflow as an edit (Draft or
 * Rejected, owner or admin). Any bad line: 422 with every line number, nothing written.
 */
@ApiTags('imports')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/price-rules')
export class PriceRulesController {
  constructor(@Inject(ContractsService) private readonly contracts: ContractsService) {}

  @Post()
  @HttpCode(200)
  @Roles('account_rep', 'admin')
  @ApiOperation({ summary: 'Replace the price rules of a Draft/Rejected contract from CSV: ITEMCODE,PRICERULE[,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP]' })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'ITEMCODE,PRICERULE,CUSTOMERGROUPID\nFST-HXB-M8-100,-15%,VIP\n' } })
  @ApiQuery({ name: 'contract', required: true, description: 'the contract id' })
  @JsonResponse(200, 'PriceRulesUploaded') @ErrorResponses(400, 404, 409, 422, 503)
  async upload(@CurrentActor() actor: Actor, @Body() body: unknown, @Query('contract') contractId?: string) {
    if (!contractId || !isUuid(contractId)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Name the contract', [{ field: 'contract', message: 'must be a contract id (UUID)' }]);
    if (typeof body !== 'string') throw new DomainError('bad_request', 'UNSUPPORTED_MEDIA_TYPE', 'Send the rules with Content-Type: text/csv', [{ field: 'content-type', message: 'must be text/csv' }]);
    const { rules, errors } = parsePriceRulesCsv(body);
    if (errors.length) throw DomainError.validation(errors, `The price-rule CSV has ${errors.length} bad line(s); nothing was written`);
    if (!rules.length) throw DomainError.validation([{ line: 1, message: 'the file holds no rules' }]);
    const id = contractId.toLowerCase();
    const contract = await this.contracts.read(actor, id);
    const terms = contract.terms as TypedContractTerm[];
    const existing = terms.find((t) => t.type === 'PriceRule');
    const sequenceNumber = existing?.sequenceNumber ?? Math.max(0, ...terms.map((t) => t.sequenceNumber)) + 1;
    const next = existing
      ? terms.map((t) => (t === existing ? { ...existing, rules } : t))
      : [...terms, { type: 'PriceRule', sequenceNumber, rules } as TypedContractTerm];
    await this.contracts.edit(actor, id, { terms: next });
    return { contractId: id, sequenceNumber, priceRules: rules.length };
  }
}
