import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { MailOutboxAndActionLinks1764100000000 } from './1764100000000-mail-outbox-and-action-links';

/** Every migration, in order. New ones are appended here (and never edited once released). */
export const MIGRATIONS = [InitialSchema1764000000000, MailOutboxAndActionLinks1764100000000];
