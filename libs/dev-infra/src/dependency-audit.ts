/**
 * The dependency audit's verdict: every high or critical advisory `npm audit` reports must either
 * be gone or be explained in the exceptions file with a reason and a date to look again.
 */

export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';

/** One entry of `npm audit --json` (report version 2), as far as the verdict needs it. */
export interface AuditVulnerability {
  readonly name: string;
  readonly severity: Severity;
  /** Advisories (objects) or the names of the vulnerable packages this one depends on (strings). */
  readonly via: ReadonlyArray<string | { readonly source: number; readonly title: string; readonly url: string; readonly severity: Severity }>;
}

export interface AuditReport {
  readonly vulnerabilities?: Readonly<Record<string, AuditVulnerability>>;
}

export interface AuditException {
  /** The advisory URL npm audit reports (https://github.com/advisories/GHSA-…). */
  readonly advisory: string;
  readonly package: string;
  /** Why it does not affect Docket, or what is done about it. */
  readonly reason: string;
  /** YYYY-MM-DD; past it, the exception no longer counts and the advisory fails the audit again. */
  readonly reviewBy: string;
}

export interface Finding {
  readonly package: string;
  readonly advisory: string;
  readonly title: string;
  readonly severity: Severity;
}

export interface AuditVerdict {
  readonly unexplained: readonly Finding[];
  readonly explained: ReadonlyArray<Finding & { readonly reason: string }>;
  /** Exceptions whose advisory no longer appears: to delete. */
  readonly stale: readonly AuditException[];
}

const BLOCKING: ReadonlySet<Severity> = new Set(['high', 'critical']);

export function auditVerdict(report: AuditReport, exceptions: readonly AuditException[], today: string): AuditVerdict {
  const findings = new Map<string, Finding>();
  for (const vulnerability of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vulnerability.via) {
      // A string names a vulnerable dependency; its own entry carries the advisory.
      if (typeof via !== 'string' && BLOCKING.has(via.severity)) {
        findings.set(`${vulnerability.name} ${via.url}`, {
          package: vulnerability.name,
          advisory: via.url,
          title: via.title,
          severity: via.severity,
        });
      }
    }
  }
  const unexplained: Finding[] = [];
  const explained: Array<Finding & { reason: string }> = [];
  const used = new Set<AuditException>();
  for (const finding of findings.values()) {
    const exception = exceptions.find(
      (candidate) => candidate.advisory === finding.advisory && candidate.package === finding.package && candidate.reviewBy >= today,
    );
    if (exception === undefined) {
      unexplained.push(finding);
    } else {
      used.add(exception);
      explained.push({ ...finding, reason: exception.reason });
    }
  }
  return { unexplained, explained, stale: exceptions.filter((exception) => !used.has(exception)) };
}
