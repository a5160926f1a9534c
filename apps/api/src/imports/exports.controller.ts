import { Readable } from 'node:stream';
import { Controller, Get, Header, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isUuid, DomainError, hasRole, type Actor } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, TextResponse } from '../openapi/openapi.decorators';
import { ContractsService } from '../contracts/contracts.service';
import { ExportsService, type CsvFilter, type CsvKind } from './exports.service';

const READERS = ['account_rep', 'sales_manager', 'integration', 'admin'] as const;

/** Admins and integration read every contract; the others the contracts of their organisation scope. */
function visibleTo(actor: Actor): string | undefined {
  return hasRole(actor, 'admin', 'integration') ? undefined : actor.username;
}

/** The filters every export takes (an empty parameter is no filter). */
function filterOf(query: Record<string, string | undefined>): CsvFilter {
  const filter: CsvFilter = {};
  for (const name of ['status', 'code', 'account', 'seller'] as const) {
    const value = query[name];
    if (Array.isArray(value)) throw new DomainError('bad_request', 'BAD_REQUEST', `Give ${name} once`, [{ field: name, message: 'is given more than once' }]);
    if (value) filter[name] = value;
  }
  return filter;
}

function csvFile(exports: ExportsService, actor: Actor, kind: CsvKind, filter: CsvFilter, name: string): StreamableFile {
  return new StreamableFile(Readable.from(exports.csv(kind, { ...filter, visibleTo: visibleTo(actor) })), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${name}"` });
}

@ApiTags('exports')
@ApiBearerAuth()
@AuthErrors()
@Controller()
export class ExportsController {
  constructor(@Inject(ExportsService) private readonly exports: ExportsService, @Inject(ContractsService) private readonly contractsService: ContractsService) {}

  @Get('api/v1/contracts/:id/export.xml')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The contract as a WCS-style Package (with its account) that imports back to the same contract' })
  @ApiProduces('application/xml') @TextResponse('application/xml', 'a Package') @ErrorResponses(400, 404)
  @Header('content-type', 'application/xml; charset=utf-8')
  async contractXml(@CurrentActor() actor: Actor, @Param('id') id: string) {
    if (!isUuid(id)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid contract id', [{ field: 'id', message: 'must be a UUID' }]);
    await this.contractsService.checkScope(actor, id.toLowerCase(), 'read');
    const { xml, fileName } = await this.exports.contractXml(id.toLowerCase());
    return new StreamableFile(Buffer.from(xml), { type: 'application/xml; charset=utf-8', disposition: `attachment; filename="${fileName}"` });
  }

  @Get('api/v1/exports/contracts.xml')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The selected contracts as one WCS-style Package, streamed; with account, the Package ends with that Account (docs/xml-format.md)' })
  @ApiProduces('application/xml') @TextResponse('application/xml', 'a Package') @ErrorResponses(400)
  @ApiQuery({ name: 'account', required: false }) @ApiQuery({ name: 'seller', required: false })
  @ApiQuery({ name: 'status', required: false }) @ApiQuery({ name: 'code', required: false })
  async packageXml(@CurrentActor() actor: Actor, @Query() query: Record<string, string | undefined>) {
    const filter = filterOf(query);
    const parts = await this.exports.packageXml({ ...filter, visibleTo: visibleTo(actor) });
    const name = filter.account ? `${filter.account.replace(/[^\w.-]+/g, '_')}-contracts.xml` : 'contracts.xml';
    return new StreamableFile(Readable.from(parts), { type: 'application/xml; charset=utf-8', disposition: `attachment; filename="${name}"` });
  }

  @Get('api/v1/exports/contracts.csv')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One line per contract version: id, code, version, origin, status, wcsState, seller, account, currency, startsAt, endsAt, isBase, baseContract, buyers, terms, priceOffers, createdBy, owner, updatedAt' })
  @ApiQuery({ name: 'status', required: false }) @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'account', required: false }) @ApiQuery({ name: 'seller', required: false })
  @TextResponse('text/csv', 'CSV with a header line (docs/csv-format.md)') @ErrorResponses(400)
  contracts(@CurrentActor() actor: Actor, @Query() query: Record<string, string | undefined>) {
    return csvFile(this.exports, actor, 'contracts', filterOf(query), 'contracts.csv');
  }

  @Get('api/v1/exports/contract-buyers.csv')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One line per buyer participant: contractId, code, version, status, position, organization, memberGroup, startsAt, endsAt, active' })
  @ApiQuery({ name: 'status', required: false }) @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'account', required: false }) @ApiQuery({ name: 'seller', required: false })
  @TextResponse('text/csv', 'CSV with a header line (docs/csv-format.md)') @ErrorResponses(400)
  buyers(@CurrentActor() actor: Actor, @Query() query: Record<string, string | undefined>) {
    return csvFile(this.exports, actor, 'buyers', filterOf(query), 'contract-buyers.csv');
  }

  @Get('api/v1/exports/contract-products.csv')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One line per price offer (kind=offer) and product-set item (kind=sku|category|set): contractId, code, version, status, termSequence, termType, kind, item, currency, price, minQuantity, maxQuantity, precedence, action, signedPercentage' })
  @ApiQuery({ name: 'status', required: false }) @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'account', required: false }) @ApiQuery({ name: 'seller', required: false })
  @TextResponse('text/csv', 'CSV with a header line (docs/csv-format.md)') @ErrorResponses(400)
  products(@CurrentActor() actor: Actor, @Query() query: Record<string, string | undefined>) {
    return csvFile(this.exports, actor, 'products', filterOf(query), 'contract-products.csv');
  }
}
