import type { Actor } from '@docket/domain';
import { tokenFor } from './auth-tokens';

export interface HttpResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: T;
  /** The body exactly as received. */
  readonly text: string;
  readonly headers: Headers;
}

/** A user of the API: every request carries a bearer token for that user, agency and role. */
export function asUser(apiUrl: string, actor: Actor) {
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${tokenFor(actor)}`,
  };
  async function send<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<HttpResult<T>> {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { ...headers, ...extraHeaders },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (text === '' ? {} : JSON.parse(text)) as T,
      text,
      headers: response.headers,
    };
  }
  return {
    get: <T = Record<string, unknown>>(path: string) => send<T>('GET', path),
    post: <T = Record<string, unknown>>(path: string, body: unknown, extraHeaders?: Record<string, string>) => send<T>('POST', path, body, extraHeaders),
    put: <T = Record<string, unknown>>(path: string, body: unknown) => send<T>('PUT', path, body),
  };
}
