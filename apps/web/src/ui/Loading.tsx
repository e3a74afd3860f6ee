import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { ProblemBanner } from './Problem';
import type { Resource } from './use-resource';

/** Renders a loaded resource, or its loading state, or its error with a retry. */
export function Loaded<T>({
  resource,
  reload,
  children,
}: {
  readonly resource: Resource<T>;
  readonly reload?: () => void;
  readonly children: (value: T) => ReactNode;
}) {
  const { t } = useI18n();
  switch (resource.status) {
    case 'loading':
      return <p className="loading">{t('common.loading')}</p>;
    case 'failed':
      return <ProblemBanner problem={resource.problem} {...(reload === undefined ? {} : { onRetry: reload })} />;
    case 'ready':
      return <>{children(resource.value)}</>;
  }
}
