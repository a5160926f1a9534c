import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseProductSet, referenceName } from '@pactum/domain';
import { ProductSetStore } from '@pactum/persistence';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse, NoContentResponse } from '../openapi/openapi.decorators';
import { REFERENCE_READERS, REFERENCE_WRITERS } from './reference-data.roles';

/** Named product sets: what `ProductSetTCInclusion`/`Exclusion` terms and selective adjustments name. */
@ApiTags('reference data')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/product-sets')
export class ProductSetsController {
  constructor(@Inject(ProductSetStore) private readonly sets: ProductSetStore) {}

  @Get()
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'Every product set with its numbers of SKUs and categories' })
  @JsonResponse(200, 'ProductSetSummary', 'sorted by name', { array: true })
  list() {
    return this.sets.list();
  }

  @Get(':name')
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'A product set with its SKUs and categories' })
  @JsonResponse(200, 'ProductSet') @ErrorResponses(400, 404)
  get(@Param('name') name: string) {
    return this.sets.get(referenceName(name, 'product set'));
  }

  @Put(':name')
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Create or replace a product set: { description?, skus?, categories? } (at least one item). Contracts naming it are recompiled for checkout within a second.' })
  @JsonBody('ProductSetRequest') @JsonResponse(200, 'ProductSet', 'replaced') @JsonResponse(201, 'ProductSet', 'created') @ErrorResponses(400, 409, 422)
  async put(@Param('name') name: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const { set, created } = await this.sets.put(referenceName(name, 'product set'), parseProductSet(body));
    reply.status(created ? 201 : 200);
    return set;
  }

  @Delete(':name')
  @HttpCode(204)
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Delete a product set (409 IN_USE while contracts in force or on their way name it)' })
  @NoContentResponse('deleted') @ErrorResponses(400, 404, 409)
  async delete(@Param('name') name: string) {
    await this.sets.delete(referenceName(name, 'product set'));
  }
}
