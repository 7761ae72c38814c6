// HTTP access to the public API. Cookie session (sent automatically, same origin);
// state-changing requests add the header a cross-site form cannot send.

import { t, type Key } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** A message for people: translated when the code is known, else the server's own text. */
  display(): string {
    const known = `error.${this.code}` as Key;
    switch (this.code) {
      case 'validation_failed': {
        const field = String(this.details.field ?? Object.keys(this.details)[0] ?? '');
        return this.message && this.message !== this.code ? `${t(known, { field })} ${this.message}` : t(known, { field });
      }
      case 'rule_violation': {
        const rule = String(this.details.rule ?? '');
        return this.message ? `${t(known, { rule })} ${this.message}` : t(known, { rule });
      }
      case 'unauthenticated': case 'forbidden': case 'not_found': case 'version_conflict':
      case 'invalid_json': case 'too_large': case 'rate_limited': case 'unavailable': case 'network':
        return t(known);
      default:
        return this.message || t('error.unknown', { status: this.status });
    }
  }
}

let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(fn: () => void): void { onUnauthenticated = fn; }

export interface RequestOptions {
  body?: unknown;
  ifMatch?: number;
  idempotent?: boolean;
  /** Do not treat 401 as "session ended" (used by the sign-in probe). */
  quiet401?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-Requested-With'] = 'keyledger';
    headers['Content-Type'] = 'application/json';
    if (method === 'POST' && opts.idempotent !== false) headers['Idempotency-Key'] = uuid();
  }
  if (opts.ifMatch !== undefined) headers['If-Match'] = String(opts.ifMatch);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? (method === 'GET' || method === 'DELETE' ? undefined : '{}') : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
    const e = new ApiError(res.status, err?.code ?? statusCode(res.status), err?.message ?? '', err?.details ?? {});
    if (res.status === 401 && !opts.quiet401) onUnauthenticated();
    throw e;
  }
  return json as T;
}

function statusCode(status: number): string {
  return ({ 400: 'validation_failed', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'version_conflict', 413: 'too_large', 422: 'rule_violation', 429: 'rate_limited', 503: 'unavailable' } as Record<number, string>)[status] ?? 'unknown';
}

export const get = <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts);
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body });
export const patch = <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body });
export const put = <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body });
export const del = <T>(path: string) => request<T>('DELETE', path);

/** Builds "path?a=1&b=2", skipping empty values. */
export function qs(path: string, params: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** List responses are {"items":[…],"next":…}; a bare array is accepted too. */
export function items<T>(res: unknown): T[] {
  if (Array.isArray(res)) return res as T[];
  const it = (res as { items?: unknown } | null)?.items;
  return Array.isArray(it) ? (it as T[]) : [];
}

export function nextCursor(res: unknown): string | null {
  const n = (res as { next?: unknown } | null)?.next;
  return n === undefined || n === null || n === '' ? null : String(n);
}

export const enc = encodeURIComponent;

function uuid(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  const b = new Uint8Array(16);
  c?.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40; b[8] = (b[8]! & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
