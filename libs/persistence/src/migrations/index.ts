import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { NormalisedTerms1764050000000 } from './1764050000000-normalised-terms';
import { MailOutboxAndActionLinks1764100000000 } from './1764100000000-mail-outbox-and-action-links';
import { ImportJobs1764300000000 } from './1764300000000-import-jobs';

/** Every migration, in order. New ones are appended here (and never edited once released). */
export const MIGRATIONS = [InitialSchema1764000000000, NormalisedTerms1764050000000, MailOutboxAndActionLinks1764100000000, ImportJobs1764300000000];
