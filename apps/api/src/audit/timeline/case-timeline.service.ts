import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, caseStateAt, caseTimeline, parseTimelinePoint, type Actor, type CaseState, type TimelineStep } from '@docket/domain';
import { ApiError, ApiErrorCode } from '../../errors/api-error-code';
import { CaseHistoryService } from '../history/case-history.service';

/**
 * Item 3 of issue 5: the case's steps and the case at any point, derived from the events its
 * workflow recorded in Temporal (which a tampered Postgres does not change) by the domain's own fold.
 */
@Injectable()
export class CaseTimelineService {
  constructor(private readonly histories: CaseHistoryService) {}

  async timeline(caseId: string, actor: Actor): Promise<TimelineStep[]> {
    const { events } = await this.histories.read(caseId, actor, { transfers: false });
    return caseTimeline(events);
  }

  /** The case as it stood at `at`: after that sequence, or after the last event at or before that instant. */
  async stateAt(caseId: string, actor: Actor, at: string, now: Date = new Date()): Promise<CaseState> {
    const point = parseTimelinePoint(at);
    // What is recorded later may still change a moment that has not come yet.
    if ('time' in point && Date.parse(point.time) > now.getTime()) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'at: is in the future; the case’s state then is not known yet', 'at');
    }
    const { events } = await this.histories.read(caseId, actor, { transfers: false });
    const state = caseStateAt(events, point);
    if (state === undefined) {
      const registeredAt = events[0]?.occurredAt ?? 'unknown';
      throw new ApiError(
        ApiErrorCode.TimelinePointNotRecorded,
        'sequence' in point
          ? `at: the case has ${events.length} recorded steps; there is no step ${point.sequence}`
          : `at: the case was registered at ${registeredAt}, after ${point.time}`,
        'at',
      );
    }
    return state;
  }
}
