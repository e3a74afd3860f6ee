import { CreateCaseTables1763900000000 } from './1763900000000-create-case-tables';
import { CreatePolicyTables1763910000000 } from './1763910000000-create-policy-tables';
import { CreateTransferTables1763920000000 } from './1763920000000-create-transfer-tables';
import { CreateCaseProjectionTables1763930000000 } from './1763930000000-create-case-projection-tables';
import { CreateDiscretionBenchmarkTables1763940000000 } from './1763940000000-create-discretion-benchmark-tables';
import { CreateIdempotencyRecords1763950000000 } from './1763950000000-create-idempotency-records';
import { CreatePublicityIndexes1763960000000 } from './1763960000000-create-publicity-indexes';
import { CreateIdentityRegistry1763970000000 } from './1763970000000-create-identity-registry';
import { CreateCaseSearch1763980000000 } from './1763980000000-create-case-search';
import { CreateAttachments1763990000000 } from './1763990000000-create-attachments';
import { CreateSupervisionIndexes1764000000040 } from './1764000000040-create-supervision-indexes';
import { CreateCaseWorkItems1764010000000 } from './1764010000000-create-case-work-items';
import { CreateCaseRecordChain1764020000000 } from './1764020000000-create-case-record-chain';
import { CreateReplayJobs1764030000000 } from './1764030000000-create-replay-jobs';
import { AddIdempotencyRecordOwner1764040000000 } from './1764040000000-add-idempotency-record-owner';
import { LogCodecDecodes1764050000000 } from './1764050000000-log-codec-decodes';
import { IndexInboxOrder1764060000000 } from './1764060000000-index-inbox-order';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [CreateCaseTables1763900000000, CreatePolicyTables1763910000000, CreateTransferTables1763920000000, CreateCaseProjectionTables1763930000000, CreateDiscretionBenchmarkTables1763940000000, CreateIdempotencyRecords1763950000000, CreatePublicityIndexes1763960000000, CreateIdentityRegistry1763970000000, CreateCaseSearch1763980000000, CreateAttachments1763990000000, CreateSupervisionIndexes1764000000040, CreateCaseWorkItems1764010000000, CreateCaseRecordChain1764020000000, CreateReplayJobs1764030000000, AddIdempotencyRecordOwner1764040000000, LogCodecDecodes1764050000000, IndexInboxOrder1764060000000];
