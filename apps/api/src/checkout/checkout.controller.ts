import { Body, Controller, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { writeCheckoutEvaluation } from './checkout-evaluation.writer';
import { CheckoutService } from './checkout.service';

/** Checkout enforcement for order services (API.md "Checkout"). */
@ApiTags('checkout')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/checkout')
export class CheckoutController {
  constructor(@Inject(CheckoutService) private readonly checkout: CheckoutService) {}

  /** The answer is written here (writeCheckoutEvaluation) and sent as it is: Fastify sends JSON text unchanged. */
  @Post('evaluate') @HttpCode(200) @Roles('order_service')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'Price an order under the buyer\'s contracts and list what it would break; records nothing' })
  @JsonBody('CheckoutRequest') @JsonResponse(200, 'CheckoutEvaluation') @ErrorResponses(400, 422)
  evaluate(@Body() body: unknown): string | Promise<string> {
    const evaluation = this.checkout.evaluate(body);
    return evaluation instanceof Promise ? evaluation.then(writeCheckoutEvaluation) : writeCheckoutEvaluation(evaluation);
  }

  /** The answer is JSON text, stored with the order and sent as it is. */
  @Post('commit') @HttpCode(200) @Roles('order_service')
  @ApiOperation({ summary: 'Record the order\'s spend and quantity drawdowns atomically (409 when a cap or a reserved quantity would be exceeded); the same orderId again returns the first answer' })
  @Header('content-type', 'application/json; charset=utf-8')
  @JsonBody('CheckoutCommitRequest') @JsonResponse(200, 'CheckoutCommit', 'recorded; the same orderId again: the first answer') @ErrorResponses(400, 409, 422)
  commit(@Body() body: unknown): Promise<string> {
    return this.checkout.commit(body);
  }

  @Post('release') @HttpCode(200) @Roles('order_service')
  @ApiOperation({ summary: 'Give a committed order\'s spend and quantities back (cancelled order): the whole order, idempotent by orderId; or with lines only those (quantity left out: all that remains of the SKU), never more than remains, idempotent by releaseId when given' })
  @JsonBody('CheckoutReleaseRequest') @JsonResponse(200, 'CheckoutRelease') @ErrorResponses(400, 404, 409, 422)
  release(@Body() body: unknown) {
    return this.checkout.release(body);
  }

  @Post('returns') @HttpCode(200) @Roles('order_service')
  @ApiOperation({ summary: 'Return lines of a committed order: the return charge, approval and refund method of the contract each line was bought under; gives the spend, obligation progress and reserved quantity back in proportion. 404 ORDER_NOT_FOUND, 409 RETURNS_NOT_ALLOWED / ORDER_RELEASED / RETURN_ID_REUSED, 422 RETURN_EXCEEDS_ORDER; the same returnId again returns the first answer' })
  @JsonBody('CheckoutReturnRequest') @JsonResponse(200, 'CheckoutReturn') @ErrorResponses(400, 404, 409, 422)
  returnLines(@Body() body: unknown) {
    return this.checkout.returnLines(body);
  }
}
