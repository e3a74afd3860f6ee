import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Actor } from '@docket/domain';
import { tokenFor } from '../auth-tokens';
import { actors, thinPath } from '../case-fixtures';

/** The thin path after registration, with who takes each step: step i leaves the case at version i + 2. */
export const THIN_PATH_STEPS: ReadonlyArray<{ actor: Actor; path: string; body: object }> = [
  { actor: actors.headWang, path: 'filing/approve', body: thinPath.approveFiling },
  { actor: actors.headWang, path: 'handlers', body: thinPath.assignHandlers },
  { actor: actors.handlerLi, path: 'investigation-report', body: thinPath.report },
  { actor: actors.reviewerZhao, path: 'legal-review', body: thinPath.approveReview },
  { actor: actors.handlerChen, path: 'notice/close', body: thinPath.closeNotice },
  { actor: actors.headWang, path: 'decision', body: thinPath.decide },
  { actor: actors.handlerLi, path: 'actions/record-service', body: thinPath.serve },
  { actor: actors.handlerChen, path: 'actions/record-payment', body: thinPath.pay },
  { actor: actors.headWang, path: 'closing', body: thinPath.close },
  { actor: actors.headWang, path: 'actions/archive-case', body: thinPath.archive },
];

/** Registration and the ten steps: the events an archived thin-path case holds. */
export const THIN_PATH_EVENTS = THIN_PATH_STEPS.length + 1;

/** What a faulty run looked like from the clients' side. */
export interface ClientTally {
  requests: number;
  /** Answers with a 5xx status. */
  serverErrors: number;
  /** Requests that got no answer at all (connection refused or cut). */
  unanswered: number;
  /** Every status seen, with how often. */
  readonly statuses: Record<string, number>;
}

export function newClientTally(): ClientTally {
  return { requests: 0, serverErrors: 0, unanswered: 0, statuses: {} };
}

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly replayed: boolean;
}

/** One HTTP request; undefined when the connection failed or was cut before an answer. */
export async function send(
  apiUrl: string,
  actor: Actor,
  method: 'GET' | 'POST',
  path: string,
  tally: ClientTally,
  body?: unknown,
  idempotencyKey?: string,
): Promise<Answer | undefined> {
  tally.requests += 1;
  try {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokenFor(actor)}`,
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
    if (response.status >= 500) {
      tally.serverErrors += 1;
    }
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      parsed = { unparsable: text.slice(0, 200) };
    }
    return { status: response.status, body: parsed, replayed: response.headers.get('idempotency-replayed') === 'true' };
  } catch {
    tally.unanswered += 1;
    tally.statuses['none'] = (tally.statuses['none'] ?? 0) + 1;
    return undefined;
  }
}

/** A case's version as the API reads it, or undefined while it cannot be read. */
export async function caseVersion(apiUrl: string, caseId: string, tally: ClientTally): Promise<number | undefined> {
  const answer = await send(apiUrl, actors.headWang, 'GET', `/cases/${caseId}`, tally);
  return answer?.status === 200 ? (answer.body['version'] as number) : undefined;
}

export async function caseState(apiUrl: string, caseId: string, tally: ClientTally): Promise<Record<string, unknown> | undefined> {
  const answer = await send(apiUrl, actors.headWang, 'GET', `/cases/${caseId}`, tally);
  return answer?.status === 200 ? answer.body : undefined;
}

/** Retries stop here: a fault the system does not recover from fails the test rather than hanging it. */
const STEP_DEADLINE_MS = 90_000;

/**
 * Registers a case as a careful client does: one Idempotency-Key and one case id for every attempt,
 * retried while the API cannot answer.
 */
export async function registerCase(apiUrl: string, tally: ClientTally, caseId: string = randomUUID()): Promise<string> {
  const key = `register-${caseId}`;
  const body = {
    caseId,
    source: 'complaint',
    summary: 'Complaint: expired food on sale at the Xinhua Road shop',
    violationCode: 'FSL-124-1-3',
    party: { type: 'organization', name: '上海某某食品有限公司' },
  };
  const deadline = Date.now() + STEP_DEADLINE_MS;
  for (;;) {
    const answer = await send(apiUrl, actors.handlerLi, 'POST', '/cases', tally, body, key);
    if (answer?.status === 201 || answer?.status === 200) {
      return caseId;
    }
    if (answer !== undefined && answer.status < 500 && answer.body['code'] !== 'IDEMPOTENCY_REQUEST_IN_PROGRESS') {
      throw new Error(`registering ${caseId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`registering ${caseId} did not succeed in time; last answer ${JSON.stringify(answer)}`);
    }
    await delay(250);
  }
}

/**
 * Takes thin-path step `index` (0-based) as a careful client does: the same Idempotency-Key on every
 * attempt, retried after no answer or a 5xx, and taken as done once the case shows it (the first
 * attempt may have gone through although its answer was lost).
 */
export async function takeStep(apiUrl: string, caseId: string, index: number, tally: ClientTally): Promise<void> {
  const step = THIN_PATH_STEPS[index];
  if (step === undefined) {
    throw new Error(`no thin-path step ${index}`);
  }
  const doneAt = index + 2;
  const key = `${caseId}-step-${index}`;
  const deadline = Date.now() + STEP_DEADLINE_MS;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) {
      const version = await caseVersion(apiUrl, caseId, tally);
      if (version !== undefined && version >= doneAt) {
        return;
      }
    }
    const answer = await send(apiUrl, step.actor, 'POST', `/cases/${caseId}/${step.path}`, tally, step.body, key);
    if (answer?.status === 200) {
      return;
    }
    if (answer !== undefined && answer.status < 500 && answer.body['code'] !== 'IDEMPOTENCY_REQUEST_IN_PROGRESS') {
      const version = await caseVersion(apiUrl, caseId, tally);
      if (version !== undefined && version >= doneAt) {
        return;
      }
      throw new Error(`step ${step.path} of ${caseId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`step ${step.path} of ${caseId} did not succeed in time; last answer ${JSON.stringify(answer)}`);
    }
    await delay(250);
  }
}

/** Takes the steps from `from` (inclusive) to `to` (exclusive) of one case, calling `afterStep` after each. */
export async function driveCase(
  apiUrl: () => string,
  caseId: string,
  tally: ClientTally,
  range: { from?: number; to?: number } = {},
  afterStep: () => Promise<void> | void = () => undefined,
): Promise<void> {
  for (let index = range.from ?? 0; index < (range.to ?? THIN_PATH_STEPS.length); index += 1) {
    await takeStep(apiUrl(), caseId, index, tally);
    await afterStep();
  }
}
