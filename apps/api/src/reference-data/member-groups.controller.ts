import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseMemberGroup, referenceName } from '@pactum/domain';
import { MemberGroupStore } from '@pactum/persistence';
import { Roles } from '../auth/roles.decorator';
import { REFERENCE_READERS, REFERENCE_WRITERS } from './reference-data.roles';

/** Member groups of organisations: a contract's Buyer or a price rule's customer/pricing group may name one. */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('api/v1/member-groups')
export class MemberGroupsController {
  constructor(@Inject(MemberGroupStore) private readonly groups: MemberGroupStore) {}

  @Get()
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'Every member group with its number of organisations' })
  list() {
    return this.groups.list();
  }

  @Get(':name')
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'A member group and its organisations (names compare case-insensitively)' })
  get(@Param('name') name: string) {
    return this.groups.get(referenceName(name, 'member group'));
  }

  @Put(':name')
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Create or replace a member group: { description?, organizations: [DN…] }; an organisation\'s divisions are members too. Checkout follows within a second.' })
  @ApiBody({ schema: { example: { description: 'Preferred distributors', organizations: ['o=Northwind Fabrication,o=Root Organization'] } } })
  async put(@Param('name') name: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const { group, created } = await this.groups.put(referenceName(name, 'member group'), parseMemberGroup(body));
    reply.status(created ? 201 : 200);
    return group;
  }

  @Delete(':name')
  @HttpCode(204)
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Delete a member group (409 IN_USE while contracts in force or on their way name it)' })
  async delete(@Param('name') name: string) {
    await this.groups.delete(referenceName(name, 'member group'));
  }
}
