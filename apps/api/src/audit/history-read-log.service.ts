import { Inject, Injectable, type Provider } from '@nestjs/common';
import { HistoryReadRepository, type HistoryRead, type HistoryReadKind } from '@docket/persistence';
import type { Actor } from '@docket/domain';
import { DataSource } from 'typeorm';

export type { HistoryReadKind } from '@docket/persistence';

/**
 * Records every read of a case's record by the audit endpoints (issue 5, item 6): who (user, role,
 * agency), which case, what (history, timeline, verify, replay) and when. Called once the reader
 * has been let in and before the record is handed over, so a read whose log entry could not be
 * written fails rather than goes unrecorded.
 */
@Injectable()
export class HistoryReadLog {
  constructor(@Inject(HistoryReadRepository) private readonly reads: HistoryReadRepository) {}

  record(actor: Actor, caseId: string, kind: HistoryReadKind): Promise<HistoryRead> {
    return this.reads.record({ caseId, kind, userId: actor.userId, role: actor.role, agencyId: actor.agencyId });
  }

  /** A decryption of Temporal payloads through the codec endpoint (the Temporal UI, the CLI). */
  recordCodecDecode(actor: Actor, namespace: string | undefined, payloadCount: number): Promise<void> {
    return this.reads.recordCodecDecode({
      userId: actor.userId,
      role: actor.role,
      agencyId: actor.agencyId,
      namespace: namespace ?? null,
      payloadCount,
    });
  }

  /** The reads of one case, oldest first. */
  listForCase(caseId: string): Promise<HistoryRead[]> {
    return this.reads.listForCase(caseId);
  }
}

export const historyReadLogProviders: Provider[] = [
  { provide: HistoryReadRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new HistoryReadRepository(dataSource) },
  HistoryReadLog,
];
