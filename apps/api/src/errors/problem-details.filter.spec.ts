import { isDependencyUnavailable, toProblem } from './problem-details.filter';

describe('an unreachable database is a 503 to retry, not a 500', () => {
  it('recognises connection failures however pg and TypeORM wrap them', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDependencyUnavailable(refused)).toBe(true);
    expect(isDependencyUnavailable(new AggregateError([refused], ''))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('query failed'), { driverError: { code: '57P01', message: 'terminating connection due to administrator command' } }))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(new Error('outer', { cause: Object.assign(new Error('inner'), { code: '08006' }) }))).toBe(true);
  });

  it('leaves query errors and everything else as internal errors', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('syntax error'), { driverError: { code: '42601' } }))).toBe(false);
    expect(isDependencyUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDependencyUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });

  it('answers 503 SERVICE_UNAVAILABLE, saying nothing of the error itself', () => {
    const problem = toProblem(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }), '/cases');
    expect(problem).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(problem.detail).not.toContain('10.0.0.5');
    expect(toProblem(new TypeError('boom'), '/cases')).toMatchObject({ status: 500, code: 'INTERNAL' });
  });
});
