import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { claimWork, getInbox, releaseWork, type InboxItem } from '../../api/inbox';
import { newIdempotencyKey } from '../../api/http';
import { ApiProblem } from '../../api/problem';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { Loaded } from '../../ui/Loading';
import { ProblemBanner } from '../../ui/Problem';
import { TimeLeft } from '../cases/TimeLeft';
import { usePaged } from '../cases/use-paged';
import { useNow } from '../cases/use-now';
import { appendPage, caseLabel, inboxRows, workControl } from './inbox-view';

/** 待办: what waits for the signed-in user in the role they act in, overdue work first. */
export function InboxPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const now = useNow();
  const role = session?.role ?? '';
  const load = useCallback((cursor: string | undefined, signal?: AbortSignal) => getInbox(cursor, signal), []);
  const paged = usePaged<InboxItem>(`inbox:${role}`, load, appendPage);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  const control = (item: InboxItem, verb: 'claim' | 'release') => {
    setProblem(undefined);
    setBusy(`${item.caseId}/${item.action}`);
    (verb === 'claim' ? claimWork : releaseWork)(item, newIdempotencyKey()).then(
      () => {
        setBusy(undefined);
        paged.reload();
      },
      (error: unknown) => {
        setBusy(undefined);
        if (error instanceof ApiProblem) {
          setProblem(error);
        }
      },
    );
  };

  return (
    <section className="inbox">
      <div className="inbox__head">
        <h1>{t('inbox.title')}</h1>
        <button type="button" onClick={paged.reload}>
          {t('inbox.refresh')}
        </button>
      </div>
      {role === 'auditor' ? <p className="case-muted">{t('inbox.supervision')}</p> : null}
      {problem === undefined ? null : <ProblemBanner problem={problem} />}
      <Loaded resource={paged.first} reload={paged.reload}>
        {() => {
          const rows = inboxRows(paged.items, now);
          if (rows.length === 0) {
            return <p className="case-muted">{t('inbox.empty')}</p>;
          }
          const overdue = rows.filter((row) => row.overdue).length;
          return (
            <>
              <p className="inbox__summary">{t('inbox.summary', { count: rows.length, overdue })}</p>
              <table className="grid case-grid inbox__table">
                <thead>
                  <tr>
                    <th>{t('inbox.col.left')}</th>
                    <th>{t('inbox.col.due')}</th>
                    <th>{t('inbox.col.step')}</th>
                    <th>{t('inbox.col.case')}</th>
                    <th>{t('inbox.col.party')}</th>
                    <th>{t('inbox.col.stage')}</th>
                    <th>{t('inbox.col.waiting')}</th>
                    <th>{t('inbox.col.claim')}</th>
                    <th>{t('inbox.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <InboxRowView
                      key={`${row.item.caseId}/${row.item.action}`}
                      item={row.item}
                      urgency={row.urgency}
                      now={now}
                      busy={busy === `${row.item.caseId}/${row.item.action}`}
                      onControl={control}
                    />
                  ))}
                </tbody>
              </table>
              {paged.moreProblem === undefined ? null : <ProblemBanner problem={paged.moreProblem} onRetry={paged.more} />}
              {paged.nextCursor === null ? null : (
                <button type="button" className="case-more" onClick={paged.more} disabled={paged.loadingMore}>
                  {paged.loadingMore ? t('common.loading') : t('common.more')}
                </button>
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function InboxRowView({
  item,
  urgency,
  now,
  busy,
  onControl,
}: {
  readonly item: InboxItem;
  readonly urgency: string;
  readonly now: number;
  readonly busy: boolean;
  readonly onControl: (item: InboxItem, verb: 'claim' | 'release') => void;
}) {
  const { t, formatDateTime, formatDate } = useI18n();
  const { session } = useSession();
  const control = session === undefined ? 'none' : workControl(item, session);
  const step = t(`cases.action.${item.action}`);
  return (
    <tr className={`inbox__row inbox__row--${urgency}`} data-case-id={item.caseId} data-action={item.action}>
      <td className={`inbox__left urgency--${urgency}`}>
        <span className={`inbox__dot inbox__dot--${urgency}`} aria-hidden="true" />
        <TimeLeft dueAt={item.dueAt} now={now} />
      </td>
      <td>
        {item.dueAt === null ? '—' : formatDateTime(item.dueAt)}
        {item.deadlineKind === null ? null : <div className="case-muted">{t(`cases.deadline.${item.deadlineKind}`)}</div>}
      </td>
      <td>
        <strong>{step}</strong>
      </td>
      <td>
        <Link to={`/cases/${item.caseId}`}>{caseLabel(item, t('cases.unnumbered'))}</Link>
        {item.violationCode === null ? null : <div className="case-muted">{item.violationCode}</div>}
      </td>
      <td>{item.partyName}</td>
      <td>{t(`cases.stage.${item.stage}`)}</td>
      <td>{formatDate(item.waitingSince)}</td>
      <td>
        {item.claimedBy === null
          ? t('inbox.unclaimed')
          : item.claimedBy === session?.userId
            ? t('inbox.claimedByYou')
            : t('inbox.claimedBy', { user: item.claimedBy })}
        {item.assignedBy === null ? null : <div className="case-muted">{t('inbox.assignedBy', { user: item.assignedBy })}</div>}
      </td>
      <td>
        <div className="inbox__buttons">
        <Link className="case-button" to={`/cases/${item.caseId}`} aria-label={`${t('inbox.open')} ${step} ${item.partyName}`}>
          {t('inbox.open')}
        </Link>
        {control === 'none' ? null : (
          <button type="button" disabled={busy} onClick={() => onControl(item, control)}>
            {t(control === 'claim' ? 'inbox.claim' : 'inbox.release')}
          </button>
        )}
        </div>
      </td>
    </tr>
  );
}
