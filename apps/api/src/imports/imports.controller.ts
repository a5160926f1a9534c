import { Readable } from 'node:stream';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isUuid, DomainError, type Actor } from '@pactum/domain';
import type { ImportFormat } from '@pactum/persistence';
import { CSV_IMPORT_KINDS, isCsvImportKind } from '@pactum/xml';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuthErrors, ErrorResponses, JsonResponse } from '../openapi/openapi.decorators';
import { parsePositive } from '../validation/query-params';
import { ImportsService } from './imports.service';

/** `true`/`1` and `false`/`0`/absent; anything else is a 400 naming the parameter. */
export function flag(raw: string | undefined, field: string): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new DomainError('bad_request', 'BAD_REQUEST', `Invalid ${field}`, [{ field, message: 'must be true or false' }]);
}

@ApiTags('imports')
@ApiBearerAuth()
@AuthErrors()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(@Inject(ImportsService) private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Upload a WCS-style Package (application/xml), or an edited CSV export (text/csv with kind); the import runs as a job: 202 { id }, then poll GET /api/v1/imports/{id}' })
  @ApiConsumes('application/xml', 'text/csv')
  @ApiBody({ schema: { type: 'string' } }) @JsonResponse(202, 'ImportAccepted', 'the job runs; poll GET /api/v1/imports/{id}') @ErrorResponses(400, 413, 422, 503)
  @ApiQuery({ name: 'dryRun', required: false }) @ApiQuery({ name: 'createMissing', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: [...CSV_IMPORT_KINDS], description: 'text/csv only: which export the file is (docs/csv-format.md)' })
  upload(
    @CurrentActor() actor: Actor, @Body() body: unknown, @Headers('content-length') contentLength: string | undefined, @Headers('content-type') contentType: string | undefined,
    @Query('dryRun') dryRun?: string, @Query('createMissing') createMissing?: string, @Query('kind') kind?: string,
  ) {
    const options = { dryRun: flag(dryRun, 'dryRun'), createMissing: flag(createMissing, 'createMissing') };
    if (!(body instanceof Readable)) {
      throw new DomainError('bad_request', 'UNSUPPORTED_MEDIA_TYPE', 'Send a Package with Content-Type: application/xml, or a CSV file with text/csv', [{ field: 'content-type', message: 'must be application/xml or text/csv' }]);
    }
    const csv = /^text\/csv\b/i.test(contentType ?? '');
    if (csv && !isCsvImportKind(kind)) {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'Say which CSV export the file is', [{ field: 'kind', message: `must be one of ${CSV_IMPORT_KINDS.join(', ')}` }]);
    }
    if (!csv && kind !== undefined) {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'kind applies to CSV files only', [{ field: 'kind', message: 'is taken only with Content-Type: text/csv (a Package says what it holds)' }]);
    }
    const declared = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined;
    return this.imports.upload(actor, body, { ...options, declaredBytes: declared, format: (csv ? `csv:${kind}` : 'xml') as ImportFormat });
  }

  @Get()
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Import history: every import job, newest first, with its counts and number of errors' })
  @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'pageSize', required: false, description: '1–100, default 20' })
  @JsonResponse(200, 'ImportJobPage') @ErrorResponses(400)
  list(@Query('page') page?: string, @Query('pageSize') pageSize?: string) {
    return this.imports.list(parsePositive(page, 'page', 1, 1_000_000), parsePositive(pageSize, 'pageSize', 20, 100));
  }

  @Get(':id')
  @Roles('integration', 'admin')
  @ApiOperation({ summary: 'Status, counts and line-numbered errors of an import job' })
  @JsonResponse(200, 'ImportJob') @ErrorResponses(400, 404)
  get(@Param('id') id: string) {
    if (!isUuid(id)) throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid import id', [{ field: 'id', message: 'must be a UUID' }]);
    return this.imports.get(id.toLowerCase());
  }
}
