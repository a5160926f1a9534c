import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseCurrencyRates } from '@pactum/domain';
import { CurrencyRateStore } from '@pactum/persistence';
import { Roles } from '../auth/roles.decorator';
import { REFERENCE_READERS, REFERENCE_WRITERS } from './reference-data.roles';

/** Exchange rates checkout converts with when an order's currency differs from a cap's or a threshold's. */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('api/v1/currency-rates')
export class CurrencyRatesController {
  constructor(@Inject(CurrencyRateStore) private readonly rates: CurrencyRateStore) {}

  @Get()
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'The exchange-rate table' })
  list() {
    return this.rates.list();
  }

  @Put()
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Replace the exchange-rate table: { rates: [{ from, to, rate }] } (units of `to` per unit of `from`; an empty list turns conversion off). Checkout follows within a second.' })
  @ApiBody({ schema: { example: { rates: [{ from: 'EUR', to: 'USD', rate: '1.08' }, { from: 'USD', to: 'EUR', rate: '0.925' }] } } })
  async replace(@Body() body: unknown) {
    return this.rates.replace(parseCurrencyRates(body));
  }
}
