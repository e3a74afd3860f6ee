import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  TRANSFER_KINDS,
  getAvailableActions,
  getCase,
  getTransfer,
  listAttachments,
  type CaseState,
  type TransferKindName,
  type TransferState,
} from '../../api/cases';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { Loaded } from '../../ui/Loading';
import { useResource } from '../../ui/use-resource';
import { CaseActions } from './CaseActions';
import { CaseEvidence } from './CaseEvidence';
import { caseTimeline, deadlineRows, formatYuan, participants } from './case-view';
import { TimeLeft } from './TimeLeft';
import { useNow } from './use-now';

interface CaseView {
  readonly state: CaseState;
  readonly actions: readonly string[];
}

/** 案件详情: the case as it stands, its clocks, people, file and transfers, and the steps the user may take now. */
export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useI18n();
  const { session } = useSession();
  const [done, setDone] = useState<string | undefined>(undefined);
  const [view, reloadView] = useResource<CaseView>(`case:${caseId}:${session?.role ?? ''}`, async (signal) => {
    const [state, actions] = await Promise.all([getCase(caseId, signal), getAvailableActions(caseId, signal)]);
    return { state, actions };
  });
  const [attachments, reloadAttachments] = useResource(`attachments:${caseId}`, (signal) => listAttachments(caseId, signal));

  const onDone = useCallback(
    (action: string) => {
      setDone(action);
      reloadView();
      reloadAttachments();
    },
    [reloadView, reloadAttachments],
  );

  return (
    <div className="case-page">
      <p className="case-back">
        <Link to="/cases">← {t('cases.page.back')}</Link>
      </p>
      <Loaded resource={view} reload={reloadView}>
        {({ state, actions }) => (
          <>
            <CaseHeader state={state} />
            <section className="panel" aria-labelledby="case-timeline">
              <h2 id="case-timeline">{t('cases.section.timeline')}</h2>
              <Timeline state={state} />
            </section>
            <div className="case-columns">
              <div className="case-columns__main">
                <section className="panel case-actions-panel" aria-labelledby="case-actions">
                  <h2 id="case-actions">{t('cases.section.actions')}</h2>
                  {done === undefined ? null : (
                    <p className="case-done" role="status">
                      {t('cases.actions.done', { action: t(`cases.action.${done}`) })}
                    </p>
                  )}
                  <CaseActions state={state} actions={actions} onDone={onDone} />
                </section>
                <section className="panel" aria-labelledby="case-deadlines">
                  <h2 id="case-deadlines">{t('cases.section.deadlines')}</h2>
                  <Deadlines state={state} />
                </section>
                <section className="panel" aria-labelledby="case-evidence">
                  <h2 id="case-evidence">{t('cases.section.evidence')}</h2>
                  <Loaded resource={attachments} reload={reloadAttachments}>
                    {(list) => (
                      <CaseEvidence
                        caseId={state.caseId}
                        attachments={list}
                        mayUpload={(session?.role === 'handler' || session?.role === 'head') && state.stage !== 'archived' && state.stage !== 'not_filed'}
                        onUploaded={reloadAttachments}
                      />
                    )}
                  </Loaded>
                </section>
                <section className="panel" aria-labelledby="case-records">
                  <h2 id="case-records">{t('cases.section.records')}</h2>
                  <Records state={state} />
                </section>
              </div>
              <aside className="case-columns__side">
                <section className="panel" aria-labelledby="case-participants">
                  <h2 id="case-participants">{t('cases.section.participants')}</h2>
                  <Participants state={state} />
                </section>
                <section className="panel" aria-labelledby="case-transfers">
                  <h2 id="case-transfers">{t('cases.section.transfers')}</h2>
                  <Transfers state={state} />
                </section>
              </aside>
            </div>
          </>
        )}
      </Loaded>
    </div>
  );
}

function CaseHeader({ state }: { readonly state: CaseState }) {
  const { t, formatDateTime } = useI18n();
  return (
    <header className="panel case-header">
      <div className="case-header__title">
        <h1>{state.caseNumber ?? t('cases.unnumbered')}</h1>
        <span className={`case-stage case-stage--${state.stage}`}>{t(`cases.stage.${state.stage}`)}</span>
      </div>
      <dl className="case-facts">
        <div>
          <dt>{t('cases.header.party')}</dt>
          <dd>
            {state.clue.party.name} <span className="case-muted">({t(`cases.option.partyType.${state.clue.party.type}`)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('cases.header.agency')}</dt>
          <dd>{state.agencyId}</dd>
        </div>
        <div>
          <dt>{t('cases.header.source')}</dt>
          <dd>{t(`cases.option.source.${state.clue.source}`)}</dd>
        </div>
        <div>
          <dt>{t('cases.header.violationCode')}</dt>
          <dd>{state.clue.violationCode ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('cases.header.registeredAt')}</dt>
          <dd>{formatDateTime(state.registeredAt)}</dd>
        </div>
        <div>
          <dt>{t('cases.header.version')}</dt>
          <dd className="case-num">{state.version}</dd>
        </div>
        <div>
          <dt>{t('cases.header.caseId')}</dt>
          <dd>
            <code>{state.caseId}</code>
          </dd>
        </div>
      </dl>
      <p className="case-summary">
        <span className="case-muted">{t('cases.header.summary')}：</span>
        {state.clue.summary}
      </p>
    </header>
  );
}

function Timeline({ state }: { readonly state: CaseState }) {
  const { t, formatDate } = useI18n();
  return (
    <ol className="case-timeline">
      {caseTimeline(state).map((step) => (
        <li key={step.stage} className={`case-timeline__step case-timeline__step--${step.state}`} {...(step.state === 'current' ? { 'aria-current': 'step' as const } : {})}>
          <span className="case-timeline__name">{t(`cases.stage.${step.stage}`)}</span>
          <span className="case-timeline__date">
            {step.suspended === true
              ? t('cases.timeline.suspended')
              : step.at !== undefined
                ? formatDate(step.at)
                : step.state === 'skipped'
                  ? t('cases.timeline.skipped')
                  : step.state === 'current'
                    ? t('cases.timeline.current')
                    : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Deadlines({ state }: { readonly state: CaseState }) {
  const { t, formatDateTime } = useI18n();
  const now = useNow();
  const rows = deadlineRows(state, now);
  if (rows.length === 0) {
    return <p className="case-muted">{t('cases.deadlines.none')}</p>;
  }
  return (
    <table className="grid case-grid">
      <thead>
        <tr>
          <th>{t('cases.col.deadline')}</th>
          <th>{t('cases.col.status')}</th>
          <th>{t('cases.col.startedAt')}</th>
          <th>{t('cases.col.dueAt')}</th>
          <th>{t('cases.col.left')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.kind}@${row.startedAt}`} className={`case-deadline case-deadline--${row.status}`}>
            <td>
              {t(`cases.deadline.${row.kind}`)}
              {row.extended ? <span className="case-tag">{t('cases.deadlines.extended')}</span> : null}
            </td>
            <td className={`urgency--${row.urgency}`}>{t(`cases.deadlineStatus.${row.status}`)}</td>
            <td>{formatDateTime(row.startedAt)}</td>
            <td>{formatDateTime(row.dueAt)}</td>
            <td>{row.status === 'running' ? <TimeLeft dueAt={row.dueAt} now={now} /> : row.settledAt === undefined ? '—' : formatDateTime(row.settledAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Participants({ state }: { readonly state: CaseState }) {
  const { t } = useI18n();
  const list = participants(state);
  if (list.length === 0) {
    return <p className="case-muted">{t('cases.participants.none')}</p>;
  }
  return (
    <table className="grid case-grid">
      <thead>
        <tr>
          <th>{t('cases.col.part')}</th>
          <th>{t('cases.col.user')}</th>
          <th>{t('cases.col.certificate')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((person) => (
          <tr key={`${person.part}/${person.userId}`}>
            <td>{t(`cases.part.${person.part}`)}</td>
            <td>{person.userId}</td>
            <td>{person.detail ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The case's transfers; only those its state lists are asked for, and a 404 still reads as none. */
function Transfers({ state }: { readonly state: CaseState }) {
  const started = TRANSFER_KINDS.filter((kind) => (state.transfers ?? []).some((transfer) => transfer.kind === kind.replace('-', '_')));
  const [resource, reload] = useResource(`transfers:${state.caseId}:${state.version}:${started.join(',')}`, (signal) =>
    Promise.all(
      TRANSFER_KINDS.map(async (kind) => [kind, started.includes(kind) ? await getTransfer(state.caseId, kind, signal) : null] as const),
    ),
  );
  return (
    <Loaded resource={resource} reload={reload}>
      {(list) => <TransferTable transfers={list} />}
    </Loaded>
  );
}

function TransferTable({ transfers }: { readonly transfers: readonly (readonly [TransferKindName, TransferState | null])[] }) {
  const { t, formatDateTime, formatDate } = useI18n();
  return (
    <table className="grid case-grid">
      <tbody>
        {transfers.map(([kind, transfer]) => (
          <tr key={kind}>
            <th scope="row">{t(`cases.transfer.${kind}`)}</th>
            <td>
              {transfer === null ? (
                <span className="case-muted">{t('cases.transfer.none')}</span>
              ) : (
                <>
                  <strong>{t(`cases.transferStatus.${transfer.status}`)}</strong>
                  <div className="case-muted">
                    {formatDateTime(transfer.startedAt)} · {transfer.startedBy.userId}
                  </div>
                  <ul className="case-clocks">
                    {transfer.clocks.map((clock) => (
                      <li key={`${clock.kind}@${clock.dueAt}`}>
                        {t(`cases.transferClock.${clock.kind}`)}: {formatDate(clock.dueAt)} ({clock.status})
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Records({ state }: { readonly state: CaseState }) {
  const { t, formatDateTime } = useI18n();
  const report = state.report;
  const decision = state.decision;
  return (
    <div className="case-records">
      <h3>{t('cases.record.report')}</h3>
      {report === undefined ? (
        <p className="case-muted">{t('cases.record.none')}</p>
      ) : (
        <dl className="case-facts case-facts--stacked">
          <div>
            <dt>{t('cases.field.proposedOutcome')}</dt>
            <dd>
              {t(`cases.option.outcome.${report.proposedOutcome}`)}
              {report.proposedFine === undefined ? null : ` · ${formatYuan(report.proposedFine)}`}
            </dd>
          </div>
          <div>
            <dt>{t('cases.record.submittedBy')}</dt>
            <dd>
              {report.submittedBy} · {formatDateTime(report.submittedAt)}
            </dd>
          </div>
          <div className="case-facts__wide">
            <dt>{t('cases.field.findings')}</dt>
            <dd className="case-text">{report.findings}</dd>
          </div>
        </dl>
      )}
      <h3>{t('cases.record.reviews')}</h3>
      {state.reviews.length === 0 ? (
        <p className="case-muted">{t('cases.record.none')}</p>
      ) : (
        <table className="grid case-grid">
          <tbody>
            {state.reviews.map((review) => (
              <tr key={review.decidedAt}>
                <td>{formatDateTime(review.decidedAt)}</td>
                <td>{review.reviewerId}</td>
                <td>
                  <strong>{t(`cases.reviewOutcome.${review.outcome}`)}</strong>
                </td>
                <td className="case-text">{review.opinion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('cases.record.decision')}</h3>
      {decision === undefined ? (
        <p className="case-muted">{t('cases.record.none')}</p>
      ) : (
        <dl className="case-facts case-facts--stacked">
          <div>
            <dt>{t('cases.field.outcome')}</dt>
            <dd>
              {t(`cases.option.outcome.${decision.outcome}`)}
              {decision.fine === undefined ? null : ` · ${formatYuan(decision.fine)}`}
            </dd>
          </div>
          <div>
            <dt>{t('cases.record.decidedBy')}</dt>
            <dd>
              {decision.decidedBy} · {formatDateTime(decision.decidedAt)}
            </dd>
          </div>
          <div className="case-facts__wide">
            <dt>{t('cases.field.reasoning')}</dt>
            <dd className="case-text">{decision.reasoning}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
