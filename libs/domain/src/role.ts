/** The roles of domain.md §1. An actor acts in exactly one role per step. */
export const Role = {
  /** 承办人 */
  Handler: 'handler',
  /** 法制审核人员 */
  Reviewer: 'reviewer',
  /** 行政机关负责人 */
  Head: 'head',
  /** 听证主持人 */
  HearingOfficer: 'hearing_officer',
  /** 纪检监察联络人 */
  Inspector: 'inspector',
  /** 执法监督 */
  Auditor: 'auditor',
  Admin: 'admin',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

/**
 * Who performed a step. The API verifies the actor and every update carries it, so the workflow
 * history names the person behind each step.
 */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly agencyId: string;
}

/** The workflow itself, for facts it records on its own (a deadline passing). */
export const SYSTEM_ACTOR_ID = 'system';
