import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, parsePriceList, parsePriceListCsv, referenceName, type PriceListContent } from '@pactum/domain';
import { PriceListStore } from '@pactum/persistence';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse, NoContentResponse, TextResponse } from '../openapi/openapi.decorators';
import { csvField } from '../imports/exports.service';
import { REFERENCE_READERS, REFERENCE_WRITERS } from './reference-data.roles';

/** Named price lists: a price per SKU and currency, priced by `PriceTCPriceList…` terms. */
@ApiTags('reference data')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/price-lists')
export class PriceListsController {
  constructor(@Inject(PriceListStore) private readonly lists: PriceListStore) {}

  @Get()
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'Every price list with its number of prices per currency' })
  @JsonResponse(200, 'PriceListSummary', 'sorted by name', { array: true })
  list() {
    return this.lists.list();
  }

  @Get(':name')
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'A price list with its prices (optionally of one currency)' })
  @ApiQuery({ name: 'currency', required: false })
  @JsonResponse(200, 'PriceList') @ErrorResponses(400, 404)
  get(@Param('name') name: string, @Query('currency') currency?: string) {
    return this.lists.get(referenceName(name, 'price list'), currency);
  }

  @Get(':name/prices.csv')
  @Roles(...REFERENCE_READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The prices as CSV (SKU,CURRENCY,PRICE), the format PUT accepts' })
  @TextResponse('text/csv', 'SKU,CURRENCY,PRICE') @ErrorResponses(400, 404)
  async csv(@Param('name') name: string) {
    const list = await this.lists.get(referenceName(name, 'price list'));
    return `SKU,CURRENCY,PRICE\n${list.prices.map((p) => `${csvField(p.sku)},${p.currency},${p.price}\n`).join('')}`;
  }

  @Put(':name')
  @Roles(...REFERENCE_WRITERS)
  @ApiConsumes('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Create or replace a price list, every price at once: JSON { description?, prices: [{ sku, currency, price }] }, or CSV with the header SKU,CURRENCY,PRICE '
      + '(for large lists; the description stays as it was). Any bad price: 422 naming each, nothing written. Checkout follows within a second.',
  })
  @JsonBody('PriceListRequest') @JsonResponse(200, 'PriceListSummary', 'replaced') @JsonResponse(201, 'PriceListSummary', 'created') @ErrorResponses(400, 409, 422)
  async put(@Param('name') name: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const listName = referenceName(name, 'price list');
    let content: PriceListContent & { keepDescription?: boolean };
    if (typeof body === 'string') {
      const { prices, errors } = parsePriceListCsv(body);
      if (errors.length) throw DomainError.validation(errors, `The price-list CSV has ${errors.length}${errors.length >= 100 ? '+' : ''} bad line(s); nothing was written`);
      content = { description: null, prices, keepDescription: true };
    } else {
      content = parsePriceList(body);
    }
    const { summary, created } = await this.lists.put(listName, content);
    reply.status(created ? 201 : 200);
    return summary;
  }

  @Delete(':name')
  @HttpCode(204)
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Delete a price list (409 IN_USE while contracts in force or on their way name it)' })
  @NoContentResponse('deleted') @ErrorResponses(400, 404, 409)
  async delete(@Param('name') name: string) {
    await this.lists.delete(referenceName(name, 'price list'));
  }
}
