import { CLUE_SOURCES, DECISION_OUTCOMES, PARTY_TYPES } from '../../api/cases';
import { TEXT_LONG, TEXT_SHORT, type FormField, type FormSpec, type FormValues } from './forms';

/**
 * One entry per lifecycle step the case page can take: the route under `/cases/:caseId` and the fields
 * of its body, mirrored from the API's DTOs (apps/api/src/cases/dtos/case-action.dtos.ts) and, for the
 * steps taken through the generic `actions/:action` route, from the domain's checks of each command.
 * Adding a step is adding an entry; the page shows a form for each step GET /cases/:id/actions lists.
 */
export interface ActionForm extends FormSpec {
  /** The step as GET /cases/:id/actions names it. */
  readonly action: string;
  /** Path under /cases/:caseId the body is posted to. */
  readonly route: string;
  /** Every step may name the version the user saw: a stale form is refused with 409 instead of acting on a moved case. */
  readonly sendsExpectedVersion: boolean;
  /** A step that ends or refuses something: its button is marked. */
  readonly grave?: boolean;
  /** A step off the main path (transfers, recusal, suspension, extensions…): its form starts folded. */
  readonly secondary?: boolean;
}

/** The legal-review decision is taken on the review screen, not by a form on the case page. */
export const REVIEW_ACTION = 'decide-legal-review';

export function reviewPath(caseId: string): string {
  return `/cases/${caseId}/review`;
}

const isPenalty = (values: FormValues): boolean => values['outcome'] === 'penalty';

const reason: FormField = { name: 'reason', kind: 'textarea', label: 'cases.field.reason', required: true, maxLength: TEXT_LONG };

/** Steps off the main path of a case: offered folded, below the steps that move the case on. */
const SECONDARY: ReadonlySet<string> = new Set([
  'extend-filing-period',
  'register-preservation',
  'dispose-preservation',
  'suspend-case',
  'request-recusal',
  'decide-recusal',
  'extend-decision-period',
  'record-decision-change',
  'withdraw-publicity',
  'apply-for-enforcement',
  'start-clue-transfer',
  'start-judicial-transfer',
]);

function generic(action: string, fields: readonly FormField[]): ActionForm {
  return { action, route: `actions/${action}`, fields, sendsExpectedVersion: true, ...(SECONDARY.has(action) ? { secondary: true } : {}) };
}

const FORMS: readonly ActionForm[] = [
  { action: 'approve-filing', route: 'filing/approve', sendsExpectedVersion: true, fields: [reason] },
  { action: 'decline-filing', route: 'filing/decline', sendsExpectedVersion: true, grave: true, fields: [reason] },
  generic('extend-filing-period', [reason]),
  {
    action: 'assign-handlers',
    route: 'handlers',
    sendsExpectedVersion: true,
    fields: [
      // Certificates are taken from the registry by the API: only the people are named here.
      { name: 'handlers', kind: 'userIds', label: 'cases.field.handlers', hint: 'cases.hint.handlers', required: true, minItems: 2, maxItems: 20, itemKey: 'userId' },
    ],
  },
  generic('register-preservation', [
    { name: 'items', kind: 'lines', label: 'cases.field.items', hint: 'cases.hint.lines', required: true, minItems: 1, maxItems: 200, itemMaxLength: TEXT_SHORT },
  ]),
  generic('dispose-preservation', [
    { name: 'measure', kind: 'select', label: 'cases.field.measure', required: true, options: ['returned', 'sealed', 'seized', 'confiscated', 'tested'], optionSet: 'measure' },
  ]),
  generic('suspend-case', [reason]),
  generic('resume-case', [reason]),
  generic('request-recusal', [
    { name: 'handlerId', kind: 'text', label: 'cases.field.handlerId', required: true, maxLength: 64 },
    reason,
  ]),
  generic('decide-recusal', [
    { name: 'handlerId', kind: 'text', label: 'cases.field.handlerId', required: true, maxLength: 64 },
    { name: 'granted', kind: 'checkbox', label: 'cases.field.granted' },
    reason,
    ...(
      [
        ['replacement.userId', 'text', 'cases.field.replacementUserId'],
        ['replacement.certificateNumber', 'text', 'cases.field.replacementCertificate'],
        ['replacement.certificateExpiresAt', 'date', 'cases.field.replacementCertificateExpiresAt'],
      ] as const
    ).map(([name, kind, label]): FormField => ({ name, kind, label, required: true, maxLength: 64, shownWhen: (values) => values['granted'] === true })),
  ]),
  generic('submit-investigation-report', [
    { name: 'findings', kind: 'textarea', label: 'cases.field.findings', required: true, maxLength: TEXT_LONG },
    { name: 'proposedOutcome', kind: 'select', label: 'cases.field.proposedOutcome', required: true, options: DECISION_OUTCOMES, optionSet: 'outcome' },
    {
      name: 'proposedFine',
      kind: 'amount',
      label: 'cases.field.proposedFine',
      hint: 'cases.hint.yuan',
      shownWhen: (values) => values['proposedOutcome'] === 'penalty',
    },
    { name: 'severity', kind: 'select', label: 'cases.field.severity', options: ['minor', 'ordinary', 'serious', 'grave'], optionSet: 'severity', initial: 'ordinary' },
    { name: 'firstViolation', kind: 'checkbox', label: 'cases.field.firstViolation' },
    { name: 'promptlyCorrected', kind: 'checkbox', label: 'cases.field.promptlyCorrected' },
    { name: 'heavyNonFinePenalty', kind: 'checkbox', label: 'cases.field.heavyNonFinePenalty' },
    { name: 'touchesMajorPublicInterest', kind: 'checkbox', label: 'cases.field.touchesMajorPublicInterest' },
    { name: 'complexMultipleLegalRelations', kind: 'checkbox', label: 'cases.field.complexMultipleLegalRelations' },
    { name: 'otherStatutoryReviewGround', kind: 'text', label: 'cases.field.otherStatutoryReviewGround', maxLength: TEXT_LONG },
  ]),
  {
    action: 'close-notice',
    route: 'notice/close',
    sendsExpectedVersion: true,
    fields: [
      { name: 'partyResponse', kind: 'select', label: 'cases.field.partyResponse', required: true, options: ['waived', 'statement'], optionSet: 'partyResponse' },
      {
        name: 'statement',
        kind: 'textarea',
        label: 'cases.field.statement',
        maxLength: TEXT_LONG,
        // A statement recorded without its words would leave the re-examination (APL 45) nothing to answer.
        required: (values) => values['partyResponse'] === 'statement',
        shownWhen: (values) => values['partyResponse'] === 'statement',
      },
    ],
  },
  generic('request-hearing', [{ name: 'requestedAt', kind: 'datetime', label: 'cases.field.requestedAt', hint: 'cases.hint.nowIfEmpty' }]),
  generic('schedule-hearing', [
    { name: 'officerId', kind: 'text', label: 'cases.field.officerId', required: true, maxLength: 64 },
    { name: 'scheduledFor', kind: 'datetime', label: 'cases.field.scheduledFor', hint: 'cases.hint.hearingNotice', required: true },
    { name: 'public', kind: 'checkbox', label: 'cases.field.publicHearing', initial: true },
  ]),
  generic('record-hearing', [
    { name: 'outcome', kind: 'select', label: 'cases.field.hearingOutcome', required: true, options: ['held', 'party_absent'], optionSet: 'hearingOutcome' },
    { name: 'record', kind: 'textarea', label: 'cases.field.hearingRecord', required: true, maxLength: TEXT_LONG },
  ]),
  generic('record-collective-discussion', [
    { name: 'participants', kind: 'userIds', label: 'cases.field.participants', hint: 'cases.hint.userIds', required: true, minItems: 1, maxItems: 50 },
    { name: 'conclusion', kind: 'textarea', label: 'cases.field.conclusion', required: true, maxLength: TEXT_LONG },
  ]),
  generic('extend-decision-period', [reason, { name: 'viaCollectiveDiscussion', kind: 'checkbox', label: 'cases.field.viaCollectiveDiscussion' }]),
  {
    action: 'decide-case',
    route: 'decision',
    sendsExpectedVersion: true,
    fields: [
      { name: 'outcome', kind: 'select', label: 'cases.field.outcome', required: true, options: DECISION_OUTCOMES, optionSet: 'outcome' },
      { name: 'fine', kind: 'amount', label: 'cases.field.fine', hint: 'cases.hint.yuan', shownWhen: isPenalty },
      { name: 'reasoning', kind: 'textarea', label: 'cases.field.reasoning', required: true, maxLength: TEXT_LONG },
      { name: 'publish', kind: 'checkbox', label: 'cases.field.publish' },
    ],
  },
  generic('record-service', [
    { name: 'method', kind: 'select', label: 'cases.field.serviceMethod', required: true, options: ['in_person', 'by_post', 'electronic', 'public_announcement'], optionSet: 'serviceMethod' },
    { name: 'servedAt', kind: 'datetime', label: 'cases.field.servedAt', hint: 'cases.hint.nowIfEmpty' },
  ]),
  generic('publish-decision', []),
  generic('record-decision-change', [
    { name: 'kind', kind: 'select', label: 'cases.field.changeKind', required: true, options: ['changed', 'revoked', 'held_unlawful'], optionSet: 'changeKind' },
    reason,
  ]),
  generic('withdraw-publicity', [reason]),
  generic('record-payment', [
    { name: 'amount', kind: 'amount', label: 'cases.field.amount', hint: 'cases.hint.yuan', required: true },
    { name: 'paidAt', kind: 'datetime', label: 'cases.field.paidAt', hint: 'cases.hint.nowIfEmpty' },
  ]),
  generic('apply-for-enforcement', [reason]),
  generic('record-penalty-carried-out', [{ name: 'summary', kind: 'textarea', label: 'cases.field.summary', required: true, maxLength: TEXT_LONG }]),
  generic('start-clue-transfer', [
    {
      name: 'proposal.misconduct.kind',
      kind: 'select',
      label: 'cases.field.misconductKind',
      required: true,
      options: ['rent_seeking', 'selective_enforcement', 'abusive_enforcement', 'concealment', 'other'],
      optionSet: 'misconduct',
    },
    { name: 'proposal.misconduct.description', kind: 'textarea', label: 'cases.field.misconductDescription', required: true, maxLength: TEXT_LONG },
    { name: 'proposal.official.name', kind: 'text', label: 'cases.field.officialName', required: true, maxLength: TEXT_SHORT },
    { name: 'proposal.official.position', kind: 'text', label: 'cases.field.officialPosition', maxLength: TEXT_SHORT },
    { name: 'proposal.official.organization', kind: 'text', label: 'cases.field.officialOrganization', maxLength: TEXT_SHORT },
    { name: 'proposal.discoveredAt', kind: 'date', label: 'cases.field.discoveredAt', required: true, notInFuture: true },
  ]),
  generic('start-judicial-transfer', [
    { name: 'report.suspectedOffence', kind: 'text', label: 'cases.field.suspectedOffence', required: true, maxLength: TEXT_SHORT },
    { name: 'report.facts', kind: 'textarea', label: 'cases.field.crimeFacts', required: true, maxLength: TEXT_LONG },
    { name: 'report.team', kind: 'assignments', label: 'cases.field.team', hint: 'cases.hint.team', required: true, minItems: 2 },
  ]),
  { action: 'close-case', route: 'closing', sendsExpectedVersion: true, fields: [{ name: 'summary', kind: 'textarea', label: 'cases.field.closingSummary', required: true, maxLength: TEXT_LONG }] },
  generic('archive-case', [{ name: 'important', kind: 'checkbox', label: 'cases.field.important' }]),
];

export const ACTION_FORMS: ReadonlyMap<string, ActionForm> = new Map(FORMS.map((form) => [form.action, form]));

export function actionForm(action: string): ActionForm | undefined {
  return ACTION_FORMS.get(action);
}

/** What the case page offers for the steps the API lists: a form, the review screen, or nothing it knows. */
export type OfferedStep =
  | { readonly kind: 'form'; readonly form: ActionForm }
  | { readonly kind: 'review'; readonly action: string }
  | { readonly kind: 'unknown'; readonly action: string };

export function offeredSteps(actions: readonly string[]): readonly OfferedStep[] {
  return actions.map((action): OfferedStep => {
    if (action === REVIEW_ACTION) {
      return { kind: 'review', action };
    }
    const form = actionForm(action);
    return form === undefined ? { kind: 'unknown', action } : { kind: 'form', form };
  });
}

/** The registration form (立案登记, POST /cases), from RegisterCaseDto and PartyDto. */
export const NEW_CASE_FORM: FormSpec = {
  fields: [
    { name: 'source', kind: 'select', label: 'cases.field.source', required: true, options: CLUE_SOURCES, optionSet: 'source' },
    { name: 'summary', kind: 'textarea', label: 'cases.field.clueSummary', required: true, maxLength: TEXT_LONG },
    { name: 'party.type', kind: 'select', label: 'cases.field.partyType', required: true, options: PARTY_TYPES, optionSet: 'partyType', initial: 'organization' },
    { name: 'party.name', kind: 'text', label: 'cases.field.partyName', required: true, maxLength: TEXT_SHORT },
    { name: 'party.idNumber', kind: 'text', label: 'cases.field.partyIdNumber', hint: 'cases.hint.partyIdNumber', maxLength: 64 },
    { name: 'violationCode', kind: 'text', label: 'cases.field.violationCode', maxLength: 64 },
    { name: 'violationEndedAt', kind: 'date', label: 'cases.field.violationEndedAt', hint: 'cases.hint.violationEndedAt', notInFuture: true },
    { name: 'touchesLifeHealthOrFinance', kind: 'checkbox', label: 'cases.field.touchesLifeHealthOrFinance' },
  ],
};
