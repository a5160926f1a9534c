import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseProductSet, referenceName } from '@pactum/domain';
import { ProductSetStore } from '@pactum/persistence';
import { Roles } from '../auth/roles.decorator';
import { REFERENCE_READERS, REFERENCE_WRITERS } from './reference-data.roles';

/** Named product sets: what `ProductSetTCInclusion`/`Exclusion` terms and selective adjustments name. */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('api/v1/product-sets')
export class ProductSetsController {
  constructor(@Inject(ProductSetStore) private readonly sets: ProductSetStore) {}

  @Get()
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'Every product set with its numbers of SKUs and categories' })
  list() {
    return this.sets.list();
  }

  @Get(':name')
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'A product set with its SKUs and categories' })
  get(@Param('name') name: string) {
    return this.sets.get(referenceName(name, 'product set'));
  }

  @Put(':name')
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Create or replace a product set: { description?, skus?, categories? } (at least one item). Contracts naming it are recompiled for checkout within a second.' })
  @ApiBody({ schema: { example: { description: 'Hazardous goods', skus: ['CHM-ACE-5L'], categories: ['solvents'] } } })
  async put(@Param('name') name: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const { set, created } = await this.sets.put(referenceName(name, 'product set'), parseProductSet(body));
    reply.status(created ? 201 : 200);
    return set;
  }

  @Delete(':name')
  @HttpCode(204)
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Delete a product set (409 IN_USE while contracts in force or on their way name it)' })
  async delete(@Param('name') name: string) {
    await this.sets.delete(referenceName(name, 'product set'));
  }
}
