import { Body, Controller, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { AdminUsersService } from './admin-users.service';

/** Users and their roles, for administrators (the rules of `pactum users:add`). */
@ApiTags('admin')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/admin/users')
export class AdminUsersController {
  constructor(@Inject(AdminUsersService) private readonly users: AdminUsersService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Every user: username, name, e-mail, roles, organisation, active (never a password or its hash)' })
  @JsonResponse(200, 'AdminUser', 'sorted by username', { array: true })
  list() {
    return this.users.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a user: { username, password, roles, organization?, displayName?, email? }. The password: 12+ characters, not a common one, '
      + 'not containing the username. A sales_manager or account_rep needs a known organisation. 409 USER_EXISTS when the username is taken.',
  })
  @JsonBody('AdminUserCreateRequest') @JsonResponse(201, 'AdminUser', 'created') @ErrorResponses(400, 409, 422)
  create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.users.create(actor, body);
  }

  @Patch(':username')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change a user: roles, organization, displayName, email (null clears), active, a new password. A change of password, roles, '
      + 'organisation or active ends the user\'s tokens at once. An admin cannot deactivate themselves or remove their own admin role.',
  })
  @JsonBody('AdminUserChangeRequest') @JsonResponse(200, 'AdminUser', 'the user as changed') @ErrorResponses(400, 404, 422)
  change(@CurrentActor() actor: Actor, @Param('username') username: string, @Body() body: unknown) {
    return this.users.change(actor, username, body);
  }
}
