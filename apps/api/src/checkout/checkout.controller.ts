import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CHECKOUT_EVALUATION_SCHEMA } from './checkout-evaluation.schema';
import { CheckoutService } from './checkout.service';

const EXAMPLE = {
  buyer: 'ou=East,o=Northwind,o=Root Organization', currency: 'USD', at: '2026-03-01T12:00:00Z',
  lines: [{ sku: 'FST-HXB-M8-100', quantity: 20, listPrice: '21.00', categories: ['fasteners'] }],
  shipping: { mode: 'UPS-GROUND', shipTo: 'EAST-DOCK' }, payment: { method: 'PO-NET30', billTo: 'NW-HQ' },
};

/** Checkout enforcement for order services (API.md "Checkout"). */
@ApiTags('checkout')
@ApiBearerAuth()
@Controller('api/v1/checkout')
export class CheckoutController {
  constructor(@Inject(CheckoutService) private readonly checkout: CheckoutService) {}

  @Post('evaluate') @HttpCode(200) @Roles('order_service')
  @RouteSchema({ response: { 200: CHECKOUT_EVALUATION_SCHEMA } })
  @ApiOperation({ summary: 'Price an order under the buyer\'s contracts and list what it would break; records nothing' })
  @ApiBody({ schema: { example: EXAMPLE } })
  evaluate(@Body() body: unknown) {
    return this.checkout.evaluate(body);
  }

  @Post('commit') @HttpCode(200) @Roles('order_service')
  @ApiOperation({ summary: 'Record the order\'s spend and quantity drawdowns atomically (409 when a cap or a reserved quantity would be exceeded); the same orderId again returns the first answer' })
  @ApiBody({ schema: { example: { orderId: 'SO-2026-000123', ...EXAMPLE } } })
  commit(@Body() body: unknown) {
    return this.checkout.commit(body);
  }

  @Post('release') @HttpCode(200) @Roles('order_service')
  @ApiOperation({ summary: 'Give a committed order\'s spend and quantities back (cancelled order): the whole order, idempotent by orderId; or with lines only those (quantity left out: all that remains of the SKU), never more than remains, idempotent by releaseId when given' })
  @ApiBody({ schema: { example: { orderId: 'SO-2026-000123', releaseId: 'REL-2026-000007', lines: [{ sku: 'FST-HXB-M8-100', quantity: 5 }] } } })
  release(@Body() body: unknown) {
    return this.checkout.release(body);
  }

  @Post('returns') @HttpCode(200) @Roles('order_service')
  @ApiOperation({ summary: 'Return lines of a committed order: the return charge, approval and refund method of the contract each line was bought under; gives the spend, obligation progress and reserved quantity back in proportion. 404 ORDER_NOT_FOUND, 409 RETURNS_NOT_ALLOWED / ORDER_RELEASED / RETURN_ID_REUSED, 422 RETURN_EXCEEDS_ORDER; the same returnId again returns the first answer' })
  @ApiBody({ schema: { example: { returnId: 'RMA-2026-000045', orderId: 'SO-2026-000123', lines: [{ sku: 'FST-HXB-M8-100', quantity: 5 }], reason: 'damaged in transit' } } })
  returnLines(@Body() body: unknown) {
    return this.checkout.returnLines(body);
  }
}
