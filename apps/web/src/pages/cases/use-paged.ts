import { useCallback, useMemo, useState } from 'react';
import { ApiProblem } from '../../api/problem';
import { useResource, type Resource } from '../../ui/use-resource';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface Paged<T> {
  readonly first: Resource<Page<T>>;
  /** Every item shown: the first page and those loaded with "more". */
  readonly items: readonly T[];
  readonly nextCursor: string | null;
  readonly loadingMore: boolean;
  readonly moreProblem: ApiProblem | undefined;
  readonly more: () => void;
  readonly reload: () => void;
}

/**
 * Keyset paging: the first page loads whenever `key` (the filters) changes; "more" appends the next
 * page by the cursor the last one gave. Pages loaded for other filters are dropped.
 */
export function usePaged<T>(
  key: string,
  load: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
  merge: (shown: readonly T[], page: readonly T[]) => readonly T[] = (shown, page) => [...shown, ...page],
): Paged<T> {
  const [first, reloadFirst] = useResource(key, (signal) => load(undefined, signal));
  const [extra, setExtra] = useState<{ readonly key: string; readonly items: readonly T[]; readonly nextCursor: string | null } | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<ApiProblem | undefined>(undefined);
  const firstPage = first.status === 'ready' ? first.value : undefined;
  const current = extra !== undefined && extra.key === key && firstPage !== undefined ? extra : undefined;
  const items = useMemo(() => (firstPage === undefined ? [] : current === undefined ? firstPage.items : current.items), [firstPage, current]);
  const nextCursor = firstPage === undefined ? null : current === undefined ? firstPage.nextCursor : current.nextCursor;

  const more = useCallback(() => {
    if (nextCursor === null) {
      return;
    }
    setLoadingMore(true);
    setMoreProblem(undefined);
    load(nextCursor).then(
      (page) => {
        setExtra({ key, items: merge(items, page.items), nextCursor: page.nextCursor });
        setLoadingMore(false);
      },
      (error: unknown) => {
        setMoreProblem(error instanceof ApiProblem ? error : undefined);
        setLoadingMore(false);
      },
    );
  }, [key, load, merge, items, nextCursor]);

  const reload = useCallback(() => {
    setExtra(undefined);
    reloadFirst();
  }, [reloadFirst]);

  return { first, items, nextCursor, loadingMore, moreProblem, more, reload };
}
