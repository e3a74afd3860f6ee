import { CreateCaseTables1763900000000 } from './1763900000000-create-case-tables';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [CreateCaseTables1763900000000];
