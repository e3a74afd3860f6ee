import { ApiProblem, isProblem } from './problem';

/** Who is calling: set by the session provider, read by every request. */
export interface Credentials {
  readonly token: string;
  readonly role: string;
}

let credentials: Credentials | undefined;
let onUnauthenticated: (() => void) | undefined;

export function setCredentials(next: Credentials | undefined, unauthenticated?: () => void): void {
  credentials = next;
  onUnauthenticated = unauthenticated;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT';
  /** Sent as JSON; FormData is sent as multipart. */
  readonly body?: unknown;
  /**
   * Every POST and PUT carries an Idempotency-Key so that a retried click or a lost answer never
   * takes a step twice. Pass the same key when retrying the same user intent.
   */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (query === undefined) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(name, String(value));
    }
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

function credentialHeaders(): Record<string, string> {
  return credentials === undefined ? {} : { authorization: `Bearer ${credentials.token}`, 'x-docket-role': credentials.role };
}

/** fetch, with a network failure turned into a problem with status 0 so screens show one kind of error. */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiProblem({
      type: 'urn:docket:problem:network',
      title: 'Network error',
      status: 0,
      code: 'NETWORK_UNREACHABLE',
      detail: 'the server could not be reached; nothing was changed, try again',
    });
  }
}

/** The API's problem details of a refused request (a bare status when the body is not one). */
async function problemOf(response: Response): Promise<ApiProblem> {
  if (response.status === 401) {
    onUnauthenticated?.();
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text === '' ? undefined : JSON.parse(text);
  } catch {
    payload = undefined;
  }
  return new ApiProblem(
    isProblem(payload)
      ? payload
      : { type: 'about:blank', title: response.statusText, status: response.status, code: 'HTTP_ERROR', detail: response.statusText },
  );
}

/**
 * Fetches a file with the user's token (a plain link would carry none) and hands it to the browser
 * as a download named `filename`.
 */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const response = await send(path, { headers: credentialHeaders() });
  if (!response.ok) {
    throw await problemOf(response);
  }
  saveFile(await response.blob(), filename);
}

/** Hands bytes the console holds to the browser as a download named `filename`. */
export function saveFile(content: Blob, filename: string): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser the moment it needs to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Calls the API with the signed-in user's token and role. Errors come back as ApiProblem carrying the
 * server's code and field; a network failure becomes a problem with status 0 so screens show one kind of error.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json', ...credentialHeaders() };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET') {
    headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  }
  const response = await send(withQuery(path, options.query), {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  const text = await response.text();
  const payload: unknown = text === '' ? undefined : JSON.parse(text);
  return payload as T;
}
