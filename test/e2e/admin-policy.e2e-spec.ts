import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { caseWorkflowId } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { createDataSource } from '@docket/persistence';
import { actors } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import { policySignals, recordedPolicySignals } from '../support/policy-signals';
import { projectedCase } from '../support/http-cases';

const adminZhou: Actor = { userId: 'admin-zhou', role: 'admin', agencyId: 'sh-municipal-it' };

/** Admins manage agency policies and calendars over HTTP; running cases hear of each change. */
describe('policy and calendar administration end to end over HTTP', () => {
  let scratch: ScratchDatabase;
  let docket: DocketStack;
  let temporalClients: TemporalClients;
  let dataSource: DataSource;
  let admin: ReturnType<typeof asUser>;
  let head: ReturnType<typeof asUser>;

  beforeAll(async () => {
    // A calendar change signals every running case in the database: this suite's own database keeps
    // those signals, and the calendar years it stores, away from the cases of other suites.
    scratch = await createScratchDatabase('admin_e2e');
    [docket, temporalClients, dataSource] = await Promise.all([
      startDocket({ databaseUrl: scratch.url, temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-admin') }),
      connectTemporal(),
      createDataSource({ url: scratch.url, poolSize: 2, applicationName: 'docket-test' }).initialize(),
    ]);
    admin = asUser(docket.apiUrl, adminZhou);
    head = asUser(docket.apiUrl, actors.headWang);
  });

  afterAll(async () => {
    await docket?.stop();
    await temporalClients?.close();
    await dataSource?.destroy();
    await scratch?.drop();
  });

  const newAgency = (): string => `agency-${randomUUID().slice(0, 8)}`;

  /** Registers a case as a handler of the agency and waits for the worker to project it into `cases`. */
  const runningCase = (agencyId: string): Promise<string> => projectedCase(docket.apiUrl, dataSource, agencyId);

  async function storedCalendarYears(): Promise<number> {
    const [row] = await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM working_calendar_years');
    return row?.n ?? 0;
  }


  it('is for admins only: any other role is refused with 403', async () => {
    const agencyId = actors.headWang.agencyId;
    const attempts = [
      await head.get(`/admin/agencies/${agencyId}/policy`),
      await head.put(`/admin/agencies/${agencyId}/policy`, { version: 'head-made' }),
      await head.get(`/admin/agencies/${agencyId}/policy/versions`),
      await head.get('/admin/calendars'),
      await head.put('/admin/calendars/2027', { holidays: ['2027-01-01'], makeUpWorkdays: [] }),
      await asUser(docket.apiUrl, { userId: 'auditor-qian', role: 'auditor', agencyId }).get('/admin/calendars'),
    ];
    for (const response of attempts) {
      expect(response.contentType).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 403, code: 'ROLE_NOT_PERMITTED' });
    }
    expect((await admin.get(`/admin/agencies/${agencyId}/policy`)).body).toMatchObject({ version: 'default', stored: false });
    expect(await storedCalendarYears()).toBe(0);
  });

  it('serves the defaults, stores a new version merged onto them, and serves that version after', async () => {
    const agencyId = newAgency();
    const before = await admin.get(`/admin/agencies/${agencyId}/policy`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      agencyId,
      version: 'default',
      stored: false,
      createdBy: null,
      policy: { legalReview: { reviewPeriod: { count: 10, unit: 'working_days' } }, decision: { decisionPeriod: { count: 90 } } },
    });

    const stored = await admin.put(`/admin/agencies/${agencyId}/policy`, {
      version: '2026-03',
      legalReview: { reviewPeriod: { count: 7, unit: 'working_days' } },
      decision: { decisionPeriod: { count: 60, unit: 'natural_days' } },
    });
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      agencyId,
      version: '2026-03',
      stored: true,
      createdBy: 'admin-zhou',
      previousVersion: null,
      signalledCases: 0,
      failedSignals: 0,
      policy: { version: '2026-03', legalReview: { reviewPeriod: { count: 7 }, fineThreshold: 10_000 } },
    });
    // Only the statutory field is reported as a deliberate deviation; the review period is local policy.
    expect(stored.body['statutoryFieldsChanged']).toEqual([
      {
        field: 'decision.decisionPeriod',
        basis: 'statute',
        source: 'APL 60',
        from: { count: 90, unit: 'natural_days' },
        to: { count: 60, unit: 'natural_days' },
      },
    ]);

    const after = await admin.get(`/admin/agencies/${agencyId}/policy`);
    expect(after.body).toEqual({
      agencyId,
      version: '2026-03',
      stored: true,
      createdAt: stored.body['createdAt'],
      createdBy: 'admin-zhou',
      policy: stored.body['policy'],
    });

    const next = await admin.put(`/admin/agencies/${agencyId}/policy`, { version: '2026-06', legalReview: { fineThreshold: 5_000 } });
    expect(next.body).toMatchObject({
      previousVersion: '2026-03',
      statutoryFieldsChanged: [],
      policy: { legalReview: { reviewPeriod: { count: 7 }, fineThreshold: 5_000 }, decision: { decisionPeriod: { count: 60 } } },
    });
    const versions = await admin.get<Array<{ version: string }>>(`/admin/agencies/${agencyId}/policy/versions`);
    expect(versions.body.map((entry) => entry.version)).toEqual(['2026-06', '2026-03']);
  });

  it('refuses a version the agency already has, and bad values naming the field, storing nothing', async () => {
    const agencyId = newAgency();
    expect((await admin.put(`/admin/agencies/${agencyId}/policy`, { version: 'v1' })).status).toBe(200);
    await admin.put(`/admin/agencies/${agencyId}/policy`, { version: 'v2' });

    for (const version of ['v1', 'v2', 'default']) {
      const duplicate = await admin.put(`/admin/agencies/${agencyId}/policy`, { version, service: { servicePeriod: { count: 5, unit: 'working_days' } } });
      expect(duplicate.body).toMatchObject({ status: 409, code: 'POLICY_VERSION_EXISTS', field: 'version' });
    }
    const badCount = await admin.put(`/admin/agencies/${agencyId}/policy`, { version: 'v3', legalReview: { reviewPeriod: { count: 0, unit: 'working_days' } } });
    expect(badCount.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'legalReview.reviewPeriod.count' });
    const typo = await admin.put(`/admin/agencies/${agencyId}/policy`, { version: 'v3', decision: { decisonPeriod: { count: 60, unit: 'natural_days' } } });
    expect(typo.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'decision.decisonPeriod' });
    const noVersion = await admin.put(`/admin/agencies/${agencyId}/policy`, { archive: { archivePeriod: { count: 20, unit: 'natural_days' } } });
    expect(noVersion.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'version' });
    const unknownSection = await admin.put(`/admin/agencies/${agencyId}/policy`, { version: 'v3', agencyId: 'another' });
    expect(unknownSection.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'agencyId' });

    const versions = await admin.get<Array<{ version: string }>>(`/admin/agencies/${agencyId}/policy/versions`);
    expect(versions.body.map((entry) => entry.version)).toEqual(['v2', 'v1']);
  });

  it('serves the built-in calendars, refuses bad calendar data naming the field, and stores a good year', async () => {
    const calendars = await admin.get<Array<{ year: number; origin: string }>>('/admin/calendars');
    expect(calendars.status).toBe(200);
    expect(calendars.body.map(({ year, origin }) => [year, origin])).toEqual([
      [2025, 'built_in'],
      [2026, 'built_in'],
    ]);

    const refusals: Array<[string, object, string]> = [
      ['2027', { holidays: ['2027-01-01'], makeUpWorkdays: ['2027-01-04'] }, 'makeUpWorkdays[0]'],
      ['2027', { holidays: ['2027-01-01', '2026-12-31'], makeUpWorkdays: [] }, 'holidays[1]'],
      ['2027', { holidays: ['2027-02-30'], makeUpWorkdays: [] }, 'holidays[0]'],
      ['2027', { makeUpWorkdays: [] }, 'holidays'],
      ['twenty', { holidays: [], makeUpWorkdays: [] }, 'year'],
    ];
    for (const [year, body, field] of refusals) {
      const response = await admin.put(`/admin/calendars/${year}`, body);
      expect(response.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field });
    }
    expect(await storedCalendarYears()).toBe(0);

    const year2027 = { holidays: ['2027-01-01'], makeUpWorkdays: ['2027-01-09'], source: 'test calendar' };
    const stored = await admin.put('/admin/calendars/2027', year2027);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ year: 2027, ...year2027, origin: 'stored', loadedBy: 'admin-zhou' });
    const after = await admin.get<Array<{ year: number; origin: string }>>('/admin/calendars');
    expect(after.body.map(({ year, origin }) => [year, origin])).toEqual([
      [2025, 'built_in'],
      [2026, 'built_in'],
      [2027, 'stored'],
    ]);
  });

  it('signals the running cases of the agency with the new policy, and every running case on a calendar change', async () => {
    const agencyId = newAgency();
    const caseId = await runningCase(agencyId);
    const otherAgencyCase = await runningCase(newAgency());
    // The projection still shows this case as running, but its workflow is gone: it is skipped, not counted.
    const vanished = randomUUID();
    await dataSource.query(
      `INSERT INTO cases (id, workflow_id, agency_id, stage, version, party_type, party_name, registered_at, updated_at, state)
       VALUES ($1, $2, $3, 'investigation', 1, 'organization', 'x', now(), now(), '{}')`,
      [vanished, caseWorkflowId(vanished), agencyId],
    );

    const stored = await admin.put(`/admin/agencies/${agencyId}/policy`, { version: 'signal-1', notice: { responsePeriod: { count: 4, unit: 'working_days' } } });
    expect(stored.status).toBe(200);
    expect(stored.body['signalledCases']).toBeGreaterThanOrEqual(1);
    expect(stored.body).toMatchObject({ signalledCases: 1, failedSignals: 0 });
    const [signal] = await recordedPolicySignals(temporalClients.client, caseId, 1);
    expect(signal?.policy).toMatchObject({ agencyId, version: 'signal-1', notice: { responsePeriod: { count: 4 } } });
    expect(signal?.calendarYears.map((entry) => entry.year)).toEqual(expect.arrayContaining([2025, 2026]));
    expect(await policySignals(temporalClients.client, otherAgencyCase)).toEqual([]);

    const calendar = await admin.put('/admin/calendars/2028', { holidays: ['2028-01-03'], makeUpWorkdays: [], source: 'test calendar' });
    expect(calendar.status).toBe(200);
    expect(calendar.body).toMatchObject({ signalledCases: 2, failedSignals: 0 });
    const [, afterCalendar] = await recordedPolicySignals(temporalClients.client, caseId, 2);
    expect(afterCalendar?.policy.version).toBe('signal-1');
    expect(afterCalendar?.calendarYears.find((entry) => entry.year === 2028)).toEqual({
      year: 2028,
      holidays: ['2028-01-03'],
      makeUpWorkdays: [],
      source: 'test calendar',
    });
    expect(await recordedPolicySignals(temporalClients.client, otherAgencyCase, 1)).toMatchObject([{ policy: { version: 'default' } }]);
  });

  it('documents every admin route in its OpenAPI document, with an example body for each PUT', async () => {
    const response = await fetch(`${docket.apiUrl}/docs/openapi.json`);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: { $ref?: string } }> } }>>;
      components: { schemas: Record<string, { properties?: Record<string, { example?: unknown }> }> };
    };
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/admin')).sort()).toEqual([
      '/admin/agencies',
      '/admin/agencies/{agencyId}',
      '/admin/agencies/{agencyId}/benchmark',
      '/admin/agencies/{agencyId}/benchmark/versions',
      '/admin/agencies/{agencyId}/policy',
      '/admin/agencies/{agencyId}/policy/versions',
      '/admin/calendars',
      '/admin/calendars/{year}',
      '/admin/users',
      '/admin/users/{userId}',
      '/admin/users/{userId}/agencies/{agencyId}/roles',
      '/admin/users/{userId}/certificates/{certificateNumber}',
      '/admin/users/{userId}/certificates/{certificateNumber}/revocation',
    ]);
    for (const path of ['/admin/agencies/{agencyId}/policy', '/admin/agencies/{agencyId}/benchmark', '/admin/calendars/{year}']) {
      const ref = document.paths[path]?.['put']?.requestBody?.content['application/json']?.schema?.$ref ?? '';
      const properties = document.components.schemas[ref.replace('#/components/schemas/', '')]?.properties ?? {};
      expect(Object.values(properties).some((property) => property.example !== undefined)).toBe(true);
    }
  });
});
