import { CreateCaseTables1763900000000 } from './1763900000000-create-case-tables';
import { CreatePolicyTables1763910000000 } from './1763910000000-create-policy-tables';
import { CreateTransferTables1763920000000 } from './1763920000000-create-transfer-tables';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [CreateCaseTables1763900000000, CreatePolicyTables1763910000000, CreateTransferTables1763920000000];
