/** Types of load-cases.cjs, for the Docket benchmark's TypeScript (bench/scenarios/scale.ts). */
export declare function loadCases(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  options?: { cases?: number },
): Promise<{ loadSeconds: number; analyzeSeconds: number }>;
