/**
 * Business errors. `kind` decides the HTTP status at the edge (validation 422, conflict 409,
 * forbidden 403, not_found 404, bad_request 400); `code` is stable for clients to branch on.
 */
export type DomainErrorKind = 'validation' | 'conflict' | 'forbidden' | 'not_found' | 'bad_request';

export interface ErrorDetail {
  field?: string;
  line?: number;
  column?: number;
  lineIndex?: number;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(details: ErrorDetail[], message = 'The request is not valid'): DomainError {
    return new DomainError('validation', 'VALIDATION_FAILED', message, details);
  }
}
