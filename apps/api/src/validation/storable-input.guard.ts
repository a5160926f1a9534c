import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, findUnstorableText, unstorableTextPosition, type ErrorDetail } from '@pactum/domain';
import { IS_PUBLIC } from '../auth/public.decorator';

/**
 * Refuses, on every route and before any handler, input Postgres cannot store (a NUL or an unpaired
 * surrogate, see @pactum/domain storable-text.ts): such a write fails every time it is retried, so
 * it must never reach a workflow or a query. A guard registered after the AuthGuard, so a caller
 * without access learns nothing from it; a guard, not an interceptor, because Nest wraps every
 * interceptor call in AsyncResource.bind and an rxjs chain, which cost checkout evaluations 20-30%.
 *
 * - A JSON body: 422 naming each field (`terms[2].description`).
 * - A text body (CSV): 422 with the line and column.
 * - The query string, path parameters, and the bodies of public routes (credentials, link forms):
 *   400, a malformed request rather than data to store.
 *
 * An XML upload arrives as a stream and is checked by the import's parser (line and column).
 */
@Injectable()
export class StorableInputGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const request = ctx.switchToHttp().getRequest<{ body?: unknown; query?: unknown; params?: unknown }>();
    const malformed = [
      ...findUnstorableText(request.params ?? {}),
      ...findUnstorableText(request.query ?? {}),
    ];
    if (malformed.length) throw badRequest(malformed);

    const body = request.body;
    if (typeof body === 'string') {
      const at = unstorableTextPosition(body);
      if (at) throw DomainError.validation([at], 'The body holds a character that cannot be stored; nothing was written');
    } else if (typeof body === 'object' && body !== null && !isStream(body)) {
      const problems = findUnstorableText(body);
      if (problems.length) {
        if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) throw badRequest(problems);
        throw DomainError.validation(problems, 'The request holds text that cannot be stored; nothing was written');
      }
    }
    return true;
  }
}

function badRequest(details: ErrorDetail[]): DomainError {
  return new DomainError('bad_request', 'BAD_REQUEST', 'The request holds a character that is not allowed (NUL or an unpaired surrogate)', details);
}

function isStream(body: object): boolean {
  return typeof (body as { pipe?: unknown }).pipe === 'function';
}
