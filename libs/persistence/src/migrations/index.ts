import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, in order. New ones are appended here (and never edited once released). */
export const MIGRATIONS = [InitialSchema1764000000000];
