import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { casePolicyChangedSignal, casePolicySnapshot, type CasePolicySnapshot } from '@docket/contracts';
import { CaseRecordRepository, PolicyRepository, calendarYearOf, type OpenCaseRef } from '@docket/persistence';

/** What became of the signals to the running cases. */
export interface SignalOutcome {
  /** Running cases that received the new snapshot. */
  readonly signalledCases: number;
  /** Running cases that could not be reached (the workflow service failed); logged. Ended cases are not counted. */
  readonly failedSignals: number;
}

/** Signals sent at once: enough to be quick, few enough not to flood the frontend after a calendar change. */
const CONCURRENT_SIGNALS = 16;

async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Tells running cases that the policy, calendar or benchmark they run under changed
 * (`casePolicyChanged`), with the whole snapshot each time. Running cases are found through the
 * `cases` projection; one that has ended since is skipped.
 */
@Injectable()
export class CasePolicyNotifier {
  private readonly logger = new Logger(CasePolicyNotifier.name);

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(CaseRecordRepository) private readonly caseRecords: CaseRecordRepository,
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
  ) {}

  /** Every running case of the agency, or of every agency when none is named, with its agency's snapshot. */
  async signalRunningCases(agencyId?: string): Promise<SignalOutcome> {
    const openCases = await this.caseRecords.listOpenCases(agencyId);
    if (openCases.length === 0) {
      return { signalledCases: 0, failedSignals: 0 };
    }
    const years = (await this.policies.listCalendarYears()).map(calendarYearOf);
    const byAgency = new Map<string, OpenCaseRef[]>();
    for (const openCase of openCases) {
      byAgency.set(openCase.agencyId, [...(byAgency.get(openCase.agencyId) ?? []), openCase]);
    }
    let signalledCases = 0;
    let failedSignals = 0;
    for (const [agency, cases] of byAgency) {
      let snapshot: CasePolicySnapshot;
      try {
        const [policy, benchmark] = await Promise.all([this.policies.currentPolicy(agency), this.policies.currentBenchmark(agency)]);
        snapshot = casePolicySnapshot(agency, policy?.policy, years, benchmark?.benchmark);
      } catch (error) {
        // One agency's unreadable policy or benchmark must not keep the others' cases from hearing of the change.
        this.logger.error(
          `policy or benchmark of agency ${agency} is unreadable; its ${cases.length} running cases were not signalled`,
          describe(error),
        );
        failedSignals += cases.length;
        continue;
      }
      await forEachConcurrently(cases, CONCURRENT_SIGNALS, async ({ workflowId }) => {
        try {
          await this.client.workflow.getHandle(workflowId).signal(casePolicyChangedSignal, snapshot);
          signalledCases += 1;
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) {
            return;
          }
          failedSignals += 1;
          this.logger.warn(`could not signal ${workflowId} of the policy change: ${describe(error)}`);
        }
      });
    }
    return { signalledCases, failedSignals };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
