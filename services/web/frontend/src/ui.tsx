import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

export function timeAgo(iso: string | null | undefined): string {
  if (!iso) return '';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

export function duration(ms: number | null | undefined): string {
  if (ms == null || !isFinite(ms)) return '0:00';
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A labelled input whose problem+json field error (if any) is shown right under it. */
export function Field(props: {
  label: string; name: string; type?: "text" | "email" | "password" | "search"; value: string; onInput: (v: string) => void;
  error?: string; autoComplete?: string; required?: boolean; multiline?: boolean; maxLength?: number;
}) {
  const id = `f-${props.name}`;
  const common = {
    id, name: props.name, value: props.value, required: props.required, maxLength: props.maxLength,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? `${id}-error` : undefined,
    onInput: (e: Event) => props.onInput((e.target as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.multiline
        ? <textarea {...common} rows={3} />
        : <input {...(common as any)} type={props.type ?? "text"} autoComplete={props.autoComplete} />}
      {props.error && <p class="field-error" id={`${id}-error`} data-field={props.name}>{props.error}</p>}
    </div>
  );
}

/** The problem's detail (or title) for errors that name no field. */
export function ErrorLine({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiError
    ? (error.problem.errors?.length ? error.problem.errors.filter((e) => !e.field).map((e) => e.reason).join('; ') || error.message : error.message)
    : String((error as Error).message ?? error);
  return <p class="error" role="alert">{text}</p>;
}

export function Avatar({ name, url, size = 36 }: { name: string; url?: string | null; size?: number }) {
  const cls = `avatar s${size}`;
  if (url) return <img class={cls} src={url} alt="" />;
  return <span class={cls} aria-hidden="true">{(name || '?').slice(0, 1).toUpperCase()}</span>;
}

/** Runs a loader when its key changes; gives data, error and a reload. */
export function useLoad<T>(load: () => Promise<T>, key: unknown[]): { data: T | undefined; error: unknown; reload: () => void; setData: (t: T) => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    load().then((d) => live && setData(d), (e) => live && setError(e));
    return () => { live = false; };
  }, [...key, tick]);
  return { data, error, reload: () => setTick((t) => t + 1), setData };
}

/** Calls onVisible whenever the sentinel scrolls into view (infinite scroll). */
export function Sentinel({ onVisible, active }: { onVisible: () => void; active: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const cb = useRef(onVisible);
  cb.current = onVisible;
  useEffect(() => {
    if (!active || !ref.current) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && cb.current(), { rootMargin: '400px' });
    io.observe(ref.current);
    return () => io.disconnect();
  }, [active]);
  return <div ref={ref} class="sentinel" aria-hidden="true" />;
}

/** A cursor-paged list that loads the next page when its end scrolls into view. */
export function usePaged<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>, key: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const gen = useRef(0);
  const loadMore = async (reset = false) => {
    if (!reset && (loading || done)) return;
    const g = reset ? ++gen.current : gen.current;
    setLoading(true);
    try {
      const page = await fetchPage(reset ? null : cursor);
      if (g !== gen.current) return;
      setItems((old) => (reset ? page.items : [...old, ...page.items]));
      setCursor(page.nextCursor);
      setDone(!page.nextCursor);
      setError(undefined);
    } catch (e) {
      if (g === gen.current) setError(e);
    } finally {
      if (g === gen.current) setLoading(false);
    }
  };
  useEffect(() => {
    setItems([]); setCursor(null); setDone(false);
    void loadMore(true);
  }, key);
  return { items, setItems, loadMore: () => loadMore(false), reset: () => loadMore(true), done, loading, error };
}

export function Tabs<T extends string>(props: { label: string; value: T; options: [T, string][]; onChange: (v: T) => void }) {
  return (
    // ARIA tabs: one tab stop, arrow keys move between tabs (and select, as the content is cheap).
    <div class="tabs" role="tablist" aria-label={props.label} onKeyDown={(e) => {
      const i = props.options.findIndex(([v]) => v === props.value);
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      const next = (i + step + props.options.length) % props.options.length;
      props.onChange(props.options[next][0]);
      ((e.currentTarget as HTMLElement).children[next] as HTMLElement)?.focus();
    }}>
      {props.options.map(([v, text]) => (
        <button type="button" role="tab" aria-selected={props.value === v} tabIndex={props.value === v ? 0 : -1}
          class={props.value === v ? 'on' : ''} onClick={() => props.onChange(v)}>{text}</button>
      ))}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
