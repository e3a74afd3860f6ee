import type { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';

/** A refused request as the user sees it: the server's message and its code, for the help desk. */
export function ProblemBanner({ problem, onRetry }: { readonly problem: ApiProblem; readonly onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="problem" role="alert" data-code={problem.code}>
      <strong>{t('common.error')}</strong> {problem.problem.detail} <code>{problem.code}</code>
      {onRetry === undefined ? null : (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
