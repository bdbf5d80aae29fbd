// JSON client for /api/v1. Keeps the CSRF token (from login and /auth/me) and
// sends it as X-CSRF-Token on every state-changing request. The session
// cookie itself is HttpOnly and handled by the browser.
import type { MeResponse } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  get isConflict() {
    return this.status === 409 && this.code === 'version_conflict';
  }
}

const FALLBACK: Record<number, string> = {
  0: 'ارتباط با سرور برقرار نشد. اتصال شبکه را بررسی کنید و دوباره تلاش کنید.',
  400: 'درخواست نامعتبر است.',
  401: 'نشست شما به پایان رسیده است. دوباره وارد شوید.',
  403: 'شما اجازهٔ دسترسی به این بخش را ندارید.',
  404: 'مورد درخواستی پیدا نشد.',
  409: 'این مورد هم‌زمان توسط کاربر دیگری تغییر کرده است.',
  413: 'حجم درخواست بیش از حد مجاز است.',
  429: 'تعداد تلاش‌ها بیش از حد مجاز است. کمی بعد دوباره تلاش کنید.',
  500: 'خطای داخلی سرور. لطفاً دوباره تلاش کنید.',
};

function fallbackMessage(status: number): string {
  return FALLBACK[status] ?? (status >= 500 ? FALLBACK[500] : 'خطای ناشناخته رخ داد.');
}

let csrfToken = '';
export function setCsrf(t: string) {
  csrfToken = t || '';
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};
/** Called when any request (other than login and me) answers 401. */
export function setUnauthorizedHandler(h: UnauthorizedHandler) {
  onUnauthorized = h;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function qs(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function api<T = unknown>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { quiet401?: boolean; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const raw = typeof Blob !== 'undefined' && body instanceof Blob;
  if (raw) headers['Content-Type'] = (body as Blob).type || 'application/octet-stream';
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? (body as Blob) : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', fallbackMessage(0));
  }
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    const e = new ApiError(
      res.status,
      err?.code || `http_${res.status}`,
      err?.message || fallbackMessage(res.status),
      err?.field || undefined,
    );
    if (res.status === 401 && !opts.quiet401) onUnauthorized();
    throw e;
  }
  return json as T;
}

export const get = <T>(path: string, q: Query = {}, signal?: AbortSignal) =>
  api<T>('GET', path + qs(q), undefined, { signal });
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);

export async function fetchMe(): Promise<MeResponse | null> {
  try {
    const me = await api<MeResponse>('GET', '/auth/me', undefined, { quiet401: true });
    setCsrf(me.csrf_token);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function login(loginName: string, password: string): Promise<MeResponse> {
  const r = await api<MeResponse>('POST', '/auth/login', { login: loginName, password }, { quiet401: true });
  setCsrf(r.csrf_token);
  return r;
}
