import { Body, Controller, Get, Inject, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { AdminOrganizationsService } from './admin-organizations.service';

/** The seller organisations' approval settings, for administrators. */
@ApiTags('admin')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/admin/organizations')
export class AdminOrganizationsController {
  constructor(@Inject(AdminOrganizationsService) private readonly organizations: AdminOrganizationsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The seller organisations (selling through an account, or with users) and their approval settings' })
  @JsonResponse(200, 'SellerOrganization', 'sorted by name', { array: true })
  list() {
    return this.organizations.list();
  }

  @Patch(':dn')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change an organisation\'s approval settings: { requiresContractApproval?, fallbackApprover? } (the path is the URL-encoded DN). '
      + 'The fallback approver must be an active sales manager (422 naming fallbackApprover); null removes it.',
  })
  @JsonBody('SellerOrganizationChangeRequest') @JsonResponse(200, 'SellerOrganization', 'the settings as changed') @ErrorResponses(400, 404, 422)
  change(@CurrentActor() actor: Actor, @Param('dn') dn: string, @Body() body: unknown) {
    return this.organizations.change(actor, dn, body);
  }
}
