import type { Actor } from '@docket/domain';
import { tokenFor } from './auth-tokens';

export interface HttpResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: T;
}

/** A user of the API: every request carries a bearer token for that user, agency and role. */
export function asUser(apiUrl: string, actor: Actor) {
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${tokenFor(actor)}`,
  };
  async function send<T>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: (text === '' ? {} : JSON.parse(text)) as T };
  }
  return {
    get: <T = Record<string, unknown>>(path: string) => send<T>('GET', path),
    post: <T = Record<string, unknown>>(path: string, body: unknown) => send<T>('POST', path, body),
    put: <T = Record<string, unknown>>(path: string, body: unknown) => send<T>('PUT', path, body),
  };
}
