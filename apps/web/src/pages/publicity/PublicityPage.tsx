import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { publicDecisions, type PublicDecision } from '../../api/publicity';
import { ApiProblem } from '../../api/problem';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Loaded } from '../../ui/Loading';
import { ProblemBanner } from '../../ui/Problem';
import { useResource } from '../../ui/use-resource';

function DecisionEntry({ decision }: { readonly decision: PublicDecision }) {
  const { t, formatDate } = useI18n();
  const withdrawn = decision.withdrawn;
  return (
    <article
      className={withdrawn === undefined ? 'panel publicity__decision' : 'panel publicity__decision publicity__decision--withdrawn'}
      aria-labelledby={`decision-${decision.caseNumber}`}
    >
      <h2 id={`decision-${decision.caseNumber}`}>
        {decision.caseNumber}{' '}
        <span className={withdrawn === undefined ? 'publicity__status' : 'publicity__status publicity__status--withdrawn'}>
          {withdrawn === undefined ? t('publicity.status.published') : t('publicity.withdrawn')}
        </span>
      </h2>
      {withdrawn === undefined ? null : (
        <p className="publicity__withdrawal">{t('publicity.withdrawnOn', { date: formatDate(withdrawn.at), reason: withdrawn.reason })}</p>
      )}
      <dl className="publicity__facts">
        <dt>{t('publicity.agency')}</dt>
        <dd>{decision.agencyId}</dd>
        <dt>{t('publicity.party')}</dt>
        <dd>
          {decision.party.name}（{t(`publicity.party.${decision.party.type}`)}）
        </dd>
        <dt>{t('publicity.outcome')}</dt>
        <dd>{t(`publicity.outcome.${decision.outcome}`)}</dd>
        {decision.fine === null ? null : (
          <>
            <dt>{t('publicity.fine')}</dt>
            <dd>{t('publicity.fineAmount', { amount: decision.fine.toLocaleString('zh-CN') })}</dd>
          </>
        )}
        {decision.facts === null ? null : (
          <>
            <dt>{t('publicity.facts')}</dt>
            <dd>{decision.facts}</dd>
          </>
        )}
        <dt>{t('publicity.legalBasis')}</dt>
        <dd>{decision.legalBasis}</dd>
        <dt>{t('publicity.decidedAt')}</dt>
        <dd>{formatDate(decision.decidedAt)}</dd>
        <dt>{t('publicity.publishedAt')}</dt>
        <dd>{formatDate(decision.publishedAt)}</dd>
      </dl>
    </article>
  );
}

/** The rest of the list after the first page, loaded on demand with the server's keyset cursor. */
function MorePages({ agencyId, cursor }: { readonly agencyId: string | undefined; readonly cursor: string }) {
  const { t } = useI18n();
  const [pages, setPages] = useState<PublicDecision[]>([]);
  const [next, setNext] = useState<string | null>(cursor);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [busy, setBusy] = useState(false);
  const loadMore = async () => {
    if (next === null) {
      return;
    }
    setBusy(true);
    try {
      const page = await publicDecisions({ cursor: next, ...(agencyId === undefined ? {} : { agencyId }) });
      setPages((shown) => [...shown, ...page.items]);
      setNext(page.nextCursor);
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {pages.map((decision) => (
        <DecisionEntry key={`${decision.caseNumber}-${decision.publishedAt}`} decision={decision} />
      ))}
      {problem === undefined ? null : <ProblemBanner problem={problem} />}
      {next === null ? null : (
        <button type="button" disabled={busy} onClick={() => void loadMore()}>
          {t('publicity.more')}
        </button>
      )}
    </>
  );
}

/** /public: published decisions and withdrawals (APL 48), for anyone, without signing in. */
export function PublicityPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agency') ?? undefined;
  const [draft, setDraft] = useState(agencyId ?? '');
  const [first, reload] = useResource(`publicity:${agencyId ?? ''}`, (signal) =>
    publicDecisions(agencyId === undefined ? {} : { agencyId }, signal),
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = draft.trim();
    setParams(trimmed === '' ? {} : { agency: trimmed });
  };
  const fieldError = first.status === 'failed' && first.problem.field === 'agencyId' ? first.problem.problem.detail : undefined;
  return (
    <div className="publicity">
      <h1>{t('publicity.title')}</h1>
      <p>{t('publicity.intro')}</p>
      {session === undefined ? (
        <p>
          <Link to="/sign-in">{t('publicity.signIn')}</Link>
        </p>
      ) : null}
      <form className="publicity__filter" onSubmit={apply} role="search">
        <Field label={t('publicity.filter.agency')} name="agencyId" error={fieldError}>
          {(props) => <input {...props} value={draft} maxLength={64} placeholder="sh-pudong-amr" onChange={(event) => setDraft(event.target.value)} />}
        </Field>
        <button type="submit">{t('publicity.filter.apply')}</button>
        {agencyId === undefined ? null : (
          <button
            type="button"
            onClick={() => {
              setDraft('');
              setParams({});
            }}
          >
            {t('publicity.filter.clear')}
          </button>
        )}
      </form>
      <Loaded resource={first} reload={reload}>
        {(page) => (
          <section className="publicity__list" aria-label={t('publicity.title')}>
            {page.items.length === 0 ? <p>{t('publicity.empty')}</p> : null}
            {page.items.map((decision) => (
              <DecisionEntry key={`${decision.caseNumber}-${decision.publishedAt}`} decision={decision} />
            ))}
            {page.nextCursor === null ? null : <MorePages key={page.nextCursor} agencyId={agencyId} cursor={page.nextCursor} />}
          </section>
        )}
      </Loaded>
    </div>
  );
}
