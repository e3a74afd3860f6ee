import { useCallback, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CASE_STAGES, searchCases, type CaseSearchFilters, type CaseSummary } from '../../api/cases';
import { useI18n } from '../../i18n/i18n';
import { Loaded } from '../../ui/Loading';
import { ProblemBanner } from '../../ui/Problem';
import { caseLabel } from './case-view';
import { usePaged } from './use-paged';

const SORTS = ['-registeredAt', 'registeredAt', '-decidedAt', 'decidedAt', '-caseNumber', 'caseNumber'] as const;
const FILTER_NAMES = ['stage', 'overdue', 'q', 'handler', 'sort'] as const;

function filtersOf(params: URLSearchParams): CaseSearchFilters {
  const overdue = params.get('overdue');
  return {
    stage: params.get('stage') ?? '',
    overdue: overdue === 'true' || overdue === 'false' ? overdue : '',
    q: params.get('q') ?? '',
    handler: params.get('handler') ?? '',
    sort: params.get('sort') ?? '',
  };
}

/** 案件查询: search the agency's cases; the filters live in the address so a search can be shared and gone back to. */
export function CaseListPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const key = new URLSearchParams(FILTER_NAMES.map((name) => [name, filters[name] ?? ''])).toString();
  const load = useCallback((cursor: string | undefined, signal?: AbortSignal) => searchCases(filtersOf(new URLSearchParams(key)), cursor, signal), [key]);
  const paged = usePaged<CaseSummary>(key, load);

  return (
    <section className="case-list">
      <h1>{t('cases.list.title')}</h1>
      <Filters key={key} initial={filters} onSearch={(next) => setParams(next)} />
      <Loaded resource={paged.first} reload={paged.reload}>
        {() => (
          <>
            {paged.items.length === 0 ? <p className="case-muted">{t('cases.list.empty')}</p> : <CaseTable cases={paged.items} />}
            {paged.moreProblem === undefined ? null : <ProblemBanner problem={paged.moreProblem} onRetry={paged.more} />}
            {paged.nextCursor === null ? null : (
              <button type="button" className="case-more" onClick={paged.more} disabled={paged.loadingMore}>
                {paged.loadingMore ? t('common.loading') : t('common.more')}
              </button>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

function Filters({ initial, onSearch }: { readonly initial: CaseSearchFilters; readonly onSearch: (params: Record<string, string>) => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>({
    stage: initial.stage ?? '',
    overdue: initial.overdue ?? '',
    q: initial.q ?? '',
    handler: initial.handler ?? '',
    sort: initial.sort ?? '',
  });
  const set = (name: string) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== '').map(([name, value]) => [name, value.trim()])));
  };
  return (
    <form className="panel case-filters" role="search" aria-label={t('cases.filter.legend')} onSubmit={onSubmit}>
      <label>
        {t('cases.filter.q')}
        <input type="search" name="q" maxLength={100} value={values['q']} onChange={set('q')} />
      </label>
      <label>
        {t('cases.filter.stage')}
        <select name="stage" value={values['stage']} onChange={set('stage')}>
          <option value="">{t('cases.filter.anyStage')}</option>
          {CASE_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {t(`cases.stage.${stage}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.overdue')}
        <select name="overdue" value={values['overdue']} onChange={set('overdue')}>
          <option value="">{t('cases.filter.overdueAny')}</option>
          <option value="true">{t('cases.filter.overdueTrue')}</option>
          <option value="false">{t('cases.filter.overdueFalse')}</option>
        </select>
      </label>
      <label>
        {t('cases.filter.handler')}
        <input type="text" name="handler" maxLength={200} value={values['handler']} onChange={set('handler')} />
      </label>
      <label>
        {t('cases.filter.sort')}
        <select name="sort" value={values['sort']} onChange={set('sort')}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort === '-registeredAt' ? '' : sort}>
              {t(`cases.sort.${sort}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="case-filters__buttons">
        <button type="submit">{t('cases.filter.search')}</button>
        <button type="button" onClick={() => onSearch({})}>
          {t('cases.filter.reset')}
        </button>
      </div>
    </form>
  );
}

function CaseTable({ cases }: { readonly cases: readonly CaseSummary[] }) {
  const { t, formatDate, locale } = useI18n();
  return (
    <table className="grid case-grid">
      <thead>
        <tr>
          <th>{t('cases.col.caseNumber')}</th>
          <th>{t('cases.col.party')}</th>
          <th>{t('cases.col.stage')}</th>
          <th>{t('cases.col.violation')}</th>
          <th>{t('cases.col.registeredAt')}</th>
          <th>{t('cases.col.filedAt')}</th>
          <th>{t('cases.col.decidedAt')}</th>
          <th>{t('cases.col.handlers')}</th>
          <th>{t('cases.col.overdue')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((item) => (
          <tr key={item.caseId} className={item.overdue ? 'case-row--overdue' : undefined}>
            <td>
              <Link to={`/cases/${item.caseId}`}>{item.caseNumber ?? `${t('cases.unnumbered')} · ${caseLabel(item)}`}</Link>
            </td>
            <td>{item.party.name}</td>
            <td>
              <span className={`case-stage case-stage--${item.stage}`}>{t(`cases.stage.${item.stage}`)}</span>
            </td>
            <td>{item.violationCode ?? ''}</td>
            <td>{formatDate(item.registeredAt)}</td>
            <td>{item.filedAt === null ? '' : formatDate(item.filedAt)}</td>
            <td>{item.decidedAt === null ? '' : formatDate(item.decidedAt)}</td>
            <td>{item.handlers.join(locale === 'zh' ? '、' : ', ')}</td>
            <td>{item.overdue ? <span className="urgency--overdue">{t('cases.overdueBadge')}</span> : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
