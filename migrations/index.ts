import { InitialSchema1763700000000 } from './1763700000000-initial-schema.js';

/** Every migration, in order. The plugin hands this list to the host's DataSource. */
export const MIGRATIONS = [InitialSchema1763700000000];
