import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { caseWorkflowId, type CaseLifecycleInput, type CasePolicySnapshot } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { createDataSource } from '@docket/persistence';
import { benchmarkJson } from '../support/benchmark-fixtures';
import { actors } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import { connectTemporal, type TemporalClients, decodedHistory } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import { policySignals, recordedPolicySignals } from '../support/policy-signals';
import { projectedCase } from '../support/http-cases';

const adminZhou: Actor = { userId: 'admin-zhou', role: 'admin', agencyId: 'sh-municipal-it' };

/** The body of a PUT: the benchmark without its agency, which the path names. */
function benchmarkBody(version: string): Record<string, unknown> & { items: Array<Record<string, unknown>> } {
  const { agencyId: _agencyId, ...body } = benchmarkJson('unused', version);
  return body;
}

/** Admins store each agency's discretion benchmark over HTTP; running cases of the agency hear of it. */
describe('discretion benchmark administration end to end over HTTP', () => {
  let scratch: ScratchDatabase;
  let docket: DocketStack;
  let temporalClients: TemporalClients;
  let dataSource: DataSource;
  let admin: ReturnType<typeof asUser>;

  beforeAll(async () => {
    // A benchmark change signals running cases found in the `cases` table: this suite's own database
    // keeps those cases apart from other suites'.
    scratch = await createScratchDatabase('benchmark_e2e');
    [docket, temporalClients, dataSource] = await Promise.all([
      startDocket({ databaseUrl: scratch.url, temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-benchmark') }),
      connectTemporal(),
      createDataSource({ url: scratch.url, poolSize: 2, applicationName: 'docket-test' }).initialize(),
    ]);
    admin = asUser(docket.apiUrl, adminZhou);
  });

  afterAll(async () => {
    await docket?.stop();
    await temporalClients?.close();
    await dataSource?.destroy();
    await scratch?.drop();
  });

  const newAgency = (): string => `agency-${randomUUID().slice(0, 8)}`;

  async function storedVersions(agencyId: string): Promise<number> {
    const [row] = await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM discretion_benchmarks WHERE agency_id = $1', [
      agencyId,
    ]);
    return row?.n ?? 0;
  }

  /** Registers a case as a handler of the agency and waits for the worker to project it into `cases`. */
  const runningCase = (agencyId: string): Promise<string> => projectedCase(docket.apiUrl, dataSource, agencyId);

  async function history(caseId: string) {
    return (await decodedHistory(await temporalClients.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory())).events ?? [];
  }


  async function startSnapshot(caseId: string): Promise<CasePolicySnapshot | undefined> {
    const [started] = await history(caseId);
    const [payload] = started?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    return payload === undefined ? undefined : defaultPayloadConverter.fromPayload<CaseLifecycleInput>(payload).policy;
  }

  it('is for admins only: any other role is refused with 403, storing nothing', async () => {
    const agencyId = actors.headWang.agencyId;
    const head = asUser(docket.apiUrl, actors.headWang);
    const reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    const attempts = [
      await head.get(`/admin/agencies/${agencyId}/benchmark`),
      await head.put(`/admin/agencies/${agencyId}/benchmark`, benchmarkBody('head-made')),
      await head.get(`/admin/agencies/${agencyId}/benchmark/versions`),
      await reviewer.put(`/admin/agencies/${agencyId}/benchmark`, benchmarkBody('reviewer-made')),
    ];
    for (const response of attempts) {
      expect(response.contentType).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 403, code: 'ROLE_NOT_PERMITTED' });
    }
    expect(await storedVersions(agencyId)).toBe(0);
  });

  it('answers 200 with no benchmark for an agency that stored none, then stores versions and serves the newest', async () => {
    const agencyId = newAgency();
    const none = await admin.get(`/admin/agencies/${agencyId}/benchmark`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ agencyId, stored: false, version: null, createdAt: null, createdBy: null, benchmark: null });

    const stored = await admin.put(`/admin/agencies/${agencyId}/benchmark`, benchmarkBody('2026-03'));
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      agencyId,
      stored: true,
      version: '2026-03',
      createdBy: 'admin-zhou',
      previousVersion: null,
      signalledCases: 0,
      failedSignals: 0,
      // As parseDiscretionBenchmark reads it: the agency from the path, the date as a timestamp.
      benchmark: { ...benchmarkJson(agencyId, '2026-03'), publishedAt: '2026-03-01T00:00:00.000Z' },
    });
    const current = await admin.get(`/admin/agencies/${agencyId}/benchmark`);
    expect(current.body).toEqual({
      agencyId,
      stored: true,
      version: '2026-03',
      createdAt: stored.body['createdAt'],
      createdBy: 'admin-zhou',
      benchmark: stored.body['benchmark'],
    });

    const next = await admin.put(`/admin/agencies/${agencyId}/benchmark`, { ...benchmarkBody('2026-06'), agencyId, published: false, publishedAt: null });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ version: '2026-06', previousVersion: '2026-03', benchmark: { published: false } });
    expect((await admin.get(`/admin/agencies/${agencyId}/benchmark`)).body).toMatchObject({ version: '2026-06' });
    const versions = await admin.get<Array<{ version: string; publishedAt: string | null }>>(`/admin/agencies/${agencyId}/benchmark/versions`);
    expect(versions.body.map(({ version, publishedAt }) => [version, publishedAt])).toEqual([
      ['2026-06', null],
      ['2026-03', '2026-03-01T00:00:00.000Z'],
    ]);
  });

  it('refuses a benchmark that breaks the rules naming the field, and a version the agency has, storing nothing', async () => {
    const agencyId = newAgency();
    const path = `/admin/agencies/${agencyId}/benchmark`;
    const withTiers = (tiers: unknown[]) => {
      const body = benchmarkBody('v2');
      body.items = [{ ...body.items[0], tiers }];
      return body;
    };
    const tier = (severity: string, min: number, max: number) => ({ severity, range: { min, max } });
    const refusals: Array<[object, string]> = [
      // APL 34: a tier stays inside the statutory range (¥20,000–200,000).
      [withTiers([tier('minor', 20_000, 50_000), tier('ordinary', 50_000, 250_000), tier('grave', 250_000, 300_000)]), 'items[0].tiers[1].range'],
      // domain.md §5: at least three tiers.
      [withTiers([tier('minor', 20_000, 50_000), tier('grave', 50_000, 200_000)]), 'items[0].tiers'],
      [withTiers([tier('minor', 20_000, 60_000), tier('ordinary', 50_000, 100_000), tier('grave', 100_000, 200_000)]), 'items[0].tiers[1].range'],
      [{ ...benchmarkBody('v2'), publishedAt: undefined }, 'publishedAt'],
      [{ ...benchmarkBody('v2'), items: undefined }, 'items'],
      [{ ...benchmarkBody('v2'), minorNoPenalty: [{ violationCode: 'X-1' }] }, 'minorNoPenalty[0].conditions'],
      [{ ...benchmarkBody('v2'), agencyId: 'another-agency' }, 'agencyId'],
      [{ ...benchmarkBody('v2'), version: '' }, 'version'],
      [{ ...benchmarkBody('v2'), tiers: [] }, 'tiers'],
    ];
    for (const [body, field] of refusals) {
      const response = await admin.put(path, body);
      expect(response.contentType).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field });
    }
    expect(await storedVersions(agencyId)).toBe(0);

    expect((await admin.put(path, benchmarkBody('v1'))).status).toBe(200);
    const duplicate = await admin.put(path, { ...benchmarkBody('v1'), published: false, publishedAt: null });
    expect(duplicate.body).toMatchObject({ status: 409, code: 'POLICY_VERSION_EXISTS', field: 'version' });
    expect(await storedVersions(agencyId)).toBe(1);
    expect((await admin.get(path)).body).toMatchObject({ version: 'v1', benchmark: { published: true } });
  });

  it('signals the running cases of the agency with the new benchmark, and gives it to new cases and later policy changes', async () => {
    const agencyId = newAgency();
    const caseId = await runningCase(agencyId);
    const otherAgencyCase = await runningCase(newAgency());
    expect(await startSnapshot(caseId)).not.toHaveProperty('benchmark');

    const stored = await admin.put(`/admin/agencies/${agencyId}/benchmark`, benchmarkBody('signal-1'));
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ signalledCases: 1, failedSignals: 0 });
    const [signal] = await recordedPolicySignals(temporalClients.client, caseId, 1);
    expect(signal?.benchmark).toEqual(stored.body['benchmark']);
    expect(signal?.policy).toMatchObject({ agencyId, version: 'default' });
    expect(signal?.calendarYears.map((entry) => entry.year)).toEqual(expect.arrayContaining([2025, 2026]));
    expect(await policySignals(temporalClients.client, otherAgencyCase)).toEqual([]);

    // A case registered now starts under the benchmark.
    const laterCase = await runningCase(agencyId);
    expect((await startSnapshot(laterCase))?.benchmark).toEqual(stored.body['benchmark']);

    // A policy change sends the whole snapshot, the benchmark with it.
    const policy = await admin.put(`/admin/agencies/${agencyId}/policy`, { version: 'p-1', legalReview: { fineThreshold: 5_000 } });
    expect(policy.body).toMatchObject({ signalledCases: 2, failedSignals: 0 });
    const [, afterPolicy] = await recordedPolicySignals(temporalClients.client, caseId, 2);
    expect(afterPolicy?.policy.version).toBe('p-1');
    expect(afterPolicy?.benchmark?.version).toBe('signal-1');
  });
});
