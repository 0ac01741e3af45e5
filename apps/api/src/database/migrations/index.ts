import { InitialSchema1763900000000 } from './1763900000000-initial-schema';

/** Every migration, in order. Listed explicitly so the webpack bundle carries them. */
export const MIGRATIONS = [InitialSchema1763900000000];
