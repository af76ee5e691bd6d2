import { navigate } from './router';

export type MemberRef = { id: string; handle: string; displayName: string; avatarUrl?: string | null };
export type Page<T> = { items: T[]; nextCursor: string | null };
export type FieldError = { field: string; reason: string };
export type Problem = {
  type?: string; title?: string; status?: number; detail?: string; traceId?: string; errors?: FieldError[];
};

/** An answer that was not 2xx; `problem` is the RFC 9457 body when the server sent one. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
  /** Field errors by field name, for showing each next to its input. */
  fields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.field] = out[e.field] ? `${out[e.field]}; ${e.reason}` : e.reason;
    return out;
  }
}

type Session = { token: string; member: MemberRef };

// The access token lives in memory only; the HttpOnly refresh cookie (Path=/api/auth) restores
// a session after a reload.
let session: Session | null = null;
const sessionListeners = new Set<() => void>();
export const currentMember = () => session?.member ?? null;
export function onSessionChange(l: () => void) {
  sessionListeners.add(l);
  return () => void sessionListeners.delete(l);
}
function setSession(s: Session | null) {
  session = s;
  sessionListeners.forEach((l) => l());
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Problem = { status: res.status, title: res.statusText };
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try { problem = await res.json(); } catch { /* keep the status line */ }
  }
  return new ApiError(res.status, problem);
}

// One refresh at a time: the refresh token rotates, and presenting a rotated one revokes the
// whole family, so two parallel refreshes would log the member out.
let refreshing: Promise<boolean> | null = null;
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
      if (!res.ok) {
        setSession(null);
        return false;
      }
      const body = await res.json();
      setSession({ token: body.accessToken, member: body.member });
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function relogin() {
  setSession(null);
  const here = location.pathname + location.search;
  if (!here.startsWith('/login')) navigate('/login?next=' + encodeURIComponent(here), true);
}

type Options = { method?: string; json?: unknown; body?: BodyInit; signal?: AbortSignal };

/** Sends with the bearer token; on X-Token-Refresh-Needed refreshes once and retries. */
export async function request(path: string, opts: Options = {}): Promise<Response> {
  const send = () => {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (session) headers.Authorization = `Bearer ${session.token}`;
    if (opts.json !== undefined) headers['Content-Type'] = 'application/json';
    return fetch('/api' + path, {
      method: opts.method ?? 'GET', headers, signal: opts.signal, credentials: 'same-origin',
      body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body,
    });
  };
  let res = await send();
  if (res.headers.get('X-Token-Refresh-Needed') === 'true') {
    if (res.status === 401) {
      if (await refresh()) res = await send();
      else relogin(); // the refresh cookie is gone, expired or revoked
    } else {
      void refresh(); // a retired-but-valid key: the answer stands, renew quietly
    }
  }
  if (res.status === 401 && res.headers.get('X-Relogin-Required') === 'true') relogin();
  return res;
}

export async function api<T = unknown>(path: string, opts: Options = {}): Promise<T> {
  const res = await request(path, opts);
  if (!res.ok) throw await toError(res);
  if (res.status === 204 || res.status === 202) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? res.json() : res.text()) as Promise<T>;
}

/** Multipart upload with progress (fetch has no upload progress); same refresh rule as api(). */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  const once = () => new Promise<XMLHttpRequest>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api' + path);
    if (session) xhr.setRequestHeader('Authorization', `Bearer ${session.token}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: 'The upload did not reach the server.' }));
    xhr.send(form);
  });
  return (async () => {
    let xhr = await once();
    if (xhr.status === 401 && xhr.getResponseHeader('X-Token-Refresh-Needed') === 'true' && (await refresh())) {
      onProgress(0);
      xhr = await once();
    }
    if (xhr.status === 401 && xhr.getResponseHeader('X-Relogin-Required') === 'true') relogin();
    let body: any = null;
    try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { /* not JSON */ }
    if (xhr.status < 200 || xhr.status >= 300) throw new ApiError(xhr.status, body ?? { status: xhr.status, title: xhr.statusText });
    return body as T;
  })();
}

export async function login(email: string, password: string) {
  const res = await fetch('/api/auth/login', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw await toError(res);
  const body = await res.json();
  setSession({ token: body.accessToken, member: body.member });
}

export async function logout() {
  try {
    await request('/auth/logout', { method: 'POST' });
  } finally {
    setSession(null);
  }
}

/** Fills in member summaries for ids, in one call per 100 ids, cached for the page's life. */
const memberCache = new Map<string, MemberRef>();
export async function members(ids: string[]): Promise<Map<string, MemberRef>> {
  const missing = [...new Set(ids)].filter((id) => !memberCache.has(id));
  for (let i = 0; i < missing.length; i += 100) {
    const page = await api<{ items: MemberRef[] }>('/members/summaries', { method: 'POST', json: { ids: missing.slice(i, i + 100) } });
    page.items.forEach((m) => memberCache.set(m.id, m));
  }
  return memberCache;
}
