import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from '../api/problem';

export type Resource<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: ApiProblem }
  | { readonly status: 'ready'; readonly value: T };

function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem
    ? error
    : new ApiProblem({ type: 'about:blank', title: 'Error', status: 0, code: 'CLIENT_ERROR', detail: String(error) });
}

/**
 * Loads what a screen shows, again whenever `key` changes (put the URL and query in it) or `reload` is
 * called (after an action). A load overtaken by a newer one is aborted and dropped, so a slow answer
 * never overwrites a fresh one.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) {
          setResource({ status: 'ready', value });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setResource({ status: 'failed', problem: asProblem(error) });
        }
      },
    );
    return () => controller.abort();
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return [resource, reload];
}
