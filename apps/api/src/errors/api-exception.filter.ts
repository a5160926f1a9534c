import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from '@pactum/config';
import { DomainError, type DomainErrorKind, type ErrorDetail } from '@pactum/domain';
import { isDatabaseUnavailable } from '@pactum/persistence';
import { API_LOGGER } from '../api.tokens';
import { DependencyHealth, DependencyUnavailableError, isTemporalUnreachable } from '../health/dependency-health';

const STATUS: Record<DomainErrorKind, number> = { validation: 422, conflict: 409, forbidden: 403, not_found: 404, bad_request: 400 };
const REASON: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  code?: string;
  message: string;
  details: ErrorDetail[];
}

export function errorBody(statusCode: number, message: string, details: ErrorDetail[] = [], code?: string): ErrorBody {
  return { statusCode, error: REASON[statusCode] ?? 'Error', ...(code ? { code } : {}), message, details };
}

/** Turns any error into the error shape of API.md. Domain errors and workflow refusals keep their reason. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof DomainError) return errorBody(STATUS[err.kind], err.message, err.details, err.code);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    const status = STATUS[failure.type as DomainErrorKind] ?? 409;
    const info = (failure.details?.[0] ?? {}) as { code?: string; details?: ErrorDetail[] };
    return errorBody(status, failure.message, info.details ?? [], info.code);
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) return errorBody(409, 'The contract already exists', [], 'CONTRACT_EXISTS');
  if (err instanceof WorkflowNotFoundError) return errorBody(404, 'The contract has no running workflow', [], 'WORKFLOW_NOT_FOUND');
  // Nest turns fastify's own errors (malformed JSON, body too large) into HttpExceptions before filters run.
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: string | string[] }).message;
    return errorBody(status, Array.isArray(message) ? message.join('; ') : message ?? err.message);
  }
  // A dependency known to be down: the request was refused before anything was sent.
  if (err instanceof DependencyUnavailableError) {
    return errorBody(503, err.message, [], err.dependency === 'database' ? 'DATABASE_UNAVAILABLE' : 'TEMPORAL_UNAVAILABLE');
  }
  if (isDatabaseUnavailable(err)) return errorBody(503, 'The database is not reachable right now. Try again shortly.', [], 'DATABASE_UNAVAILABLE');
  if (isDeadline(err)) {
    return errorBody(503, 'The contract workflow did not answer in time; the action may still be applied when the worker catches up. Check the contract before retrying.', [], 'WORKFLOW_TIMEOUT');
  }
  if (err instanceof ServiceError || isTemporalUnreachable(err)) return errorBody(503, 'Temporal is not reachable right now', [], 'TEMPORAL_UNAVAILABLE');
  return errorBody(500, 'Internal error');
}

function isDeadline(err: unknown): boolean {
  for (let e: any = err; e; e = e.cause) {
    if (e.code === 4 /* grpc DEADLINE_EXCEEDED */ || /deadline exceeded/i.test(e.message ?? '')) return true;
  }
  return false;
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(API_LOGGER) private readonly log: Logger, @Inject(DependencyHealth) private readonly health: DependencyHealth) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(err);
    this.health.observe(err);
    // An outage is logged once, when it is noticed (DependencyHealth), not with every request it fails.
    if (body.statusCode >= 500 && body.statusCode !== 503) this.log.error({ err }, 'request failed');
    else if (body.statusCode === 503 && !(err instanceof DependencyUnavailableError)) this.log.warn({ code: body.code, reason: (err as Error)?.message }, 'request failed: a dependency is unavailable');
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
