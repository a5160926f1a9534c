import { Readable } from 'node:stream';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@pactum/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ImportsService } from './imports.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `true`/`1` and `false`/`0`/absent; anything else is a 400 naming the parameter. */
export function flag(raw: string | undefined, field: string): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new DomainError('bad_request', 'BAD_REQUEST', `Invalid ${field}`, [{ field, message: 'must be true or false' }]);
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(@Inject(ImportsService) private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Upload a WCS-style Package (application/xml); the import runs as a job: 202 { id }, then poll GET /api/v1/imports/{id}' })
  @ApiConsumes('application/xml')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'dryRun', required: false }) @ApiQuery({ name: 'createMissing', required: false })
  upload(
    @CurrentActor() actor: Actor, @Body() body: unknown, @Headers('content-length') contentLength: string | undefined,
    @Query('dryRun') dryRun?: string, @Query('createMissing') createMissing?: string,
  ) {
    const options = { dryRun: flag(dryRun, 'dryRun'), createMissing: flag(createMissing, 'createMissing') };
    if (!(body instanceof Readable)) {
      throw new DomainError('bad_request', 'UNSUPPORTED_MEDIA_TYPE', 'Send the Package with Content-Type: application/xml', [{ field: 'content-type', message: 'must be application/xml' }]);
    }
    const declared = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined;
    return this.imports.upload(actor, body, { ...options, declaredBytes: declared });
  }

  @Get(':id')
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Status, counts and line-numbered errors of an import job' })
  get(@Param('id') id: string) {
    if (!UUID.test(id)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid import id', [{ field: 'id', message: 'must be a UUID' }]);
    return this.imports.get(id.toLowerCase());
  }
}
