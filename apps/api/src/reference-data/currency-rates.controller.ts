import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseCurrencyRates } from '@pactum/domain';
import { CurrencyRateStore } from '@pactum/persistence';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { REFERENCE_READERS, REFERENCE_WRITERS } from './reference-data.roles';

/** Exchange rates checkout converts with when an order's currency differs from a cap's or a threshold's. */
@ApiTags('reference data')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/currency-rates')
export class CurrencyRatesController {
  constructor(@Inject(CurrencyRateStore) private readonly rates: CurrencyRateStore) {}

  @Get()
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'The exchange-rate table' })
  @JsonResponse(200, 'CurrencyRate', 'the table', { array: true })
  list() {
    return this.rates.list();
  }

  @Put()
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Replace the exchange-rate table: { rates: [{ from, to, rate }] } (units of `to` per unit of `from`; an empty list turns conversion off). Checkout follows within a second.' })
  @JsonBody('CurrencyRatesRequest') @JsonResponse(200, 'CurrencyRate', 'the table as stored', { array: true }) @ErrorResponses(400, 422)
  async replace(@Body() body: unknown) {
    return this.rates.replace(parseCurrencyRates(body));
  }
}
