import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseMemberGroup, referenceName } from '@pactum/domain';
import { MemberGroupStore } from '@pactum/persistence';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse, NoContentResponse } from '../openapi/openapi.decorators';
import { REFERENCE_READERS, REFERENCE_WRITERS } from './reference-data.roles';

/** Member groups of organisations: a contract's Buyer or a price rule's customer/pricing group may name one. */
@ApiTags('reference data')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/member-groups')
export class MemberGroupsController {
  constructor(@Inject(MemberGroupStore) private readonly groups: MemberGroupStore) {}

  @Get()
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'Every member group with its number of organisations' })
  @JsonResponse(200, 'MemberGroupSummary', 'sorted by name', { array: true })
  list() {
    return this.groups.list();
  }

  @Get(':name')
  @Roles(...REFERENCE_READERS)
  @ApiOperation({ summary: 'A member group and its organisations (names compare case-insensitively)' })
  @JsonResponse(200, 'MemberGroup') @ErrorResponses(400, 404)
  get(@Param('name') name: string) {
    return this.groups.get(referenceName(name, 'member group'));
  }

  @Put(':name')
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Create or replace a member group: { description?, organizations: [DN…] }; an organisation\'s divisions are members too. Checkout follows within a second.' })
  @JsonBody('MemberGroupRequest') @JsonResponse(200, 'MemberGroup', 'replaced') @JsonResponse(201, 'MemberGroup', 'created') @ErrorResponses(400, 409, 422)
  async put(@Param('name') name: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const { group, created } = await this.groups.put(referenceName(name, 'member group'), parseMemberGroup(body));
    reply.status(created ? 201 : 200);
    return group;
  }

  @Delete(':name')
  @HttpCode(204)
  @Roles(...REFERENCE_WRITERS)
  @ApiOperation({ summary: 'Delete a member group (409 IN_USE while contracts in force or on their way name it)' })
  @NoContentResponse('deleted') @ErrorResponses(400, 404, 409)
  async delete(@Param('name') name: string) {
    await this.groups.delete(referenceName(name, 'member group'));
  }
}
