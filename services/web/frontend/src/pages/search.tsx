import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, Page } from '../api';
import { Track } from '../player';
import { navigate } from '../router';
import { Empty, ErrorLine, Tabs, timeAgo } from '../ui';
import { TrackRow } from './music';

type Kind = 'posts' | 'artists' | 'tracks';
type Suggestion = { kind: 'artist' | 'track'; id: string; label: string; sub?: string; href: string };

/** A combobox (ARIA 1.2 pattern): type for artist and track suggestions, arrows + Enter to pick. */
function SearchBox({ initial }: { initial: string }) {
  const [q, setQ] = useState(initial);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    const text = q.trim();
    if (text.length < 1 || !/[\p{L}\p{N}]/u.test(text)) { setItems([]); return; }
    const mine = ++seq.current;
    const t = setTimeout(async () => {
      const enc = encodeURIComponent(text);
      const [artists, tracks] = await Promise.all([
        api<{ items: { id: string; name: string }[] }>(`/search/autocomplete?q=${enc}&type=artists&limit=5`).catch(() => ({ items: [] })),
        api<{ items: Track[] }>(`/search/autocomplete?q=${enc}&type=tracks&limit=5`).catch(() => ({ items: [] })),
      ]);
      if (mine !== seq.current) return;
      setItems([
        ...artists.items.map((a) => ({ kind: 'artist' as const, id: a.id, label: a.name, href: `/artists/${a.id}` })),
        ...tracks.items.map((t) => ({ kind: 'track' as const, id: t.id, label: t.title, sub: t.artistName ?? '', href: `/tracks/${t.id}` })),
      ]);
    }, 150);
    return () => clearTimeout(t);
  }, [q]);
  const submit = (e: Event) => {
    e.preventDefault();
    setOpen(false);
    if (show && active >= 0 && items[active]) navigate(items[active].href);
    else if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive(Math.min(active + 1, items.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(Math.max(active - 1, -1)); }
    else if (e.key === 'Escape') setOpen(false);
  };
  const show = open && items.length > 0;
  return (
    <form role="search" class="search-box" onSubmit={submit}>
      <label for="q" class="visually-hidden">Search posts, artists and tracks</label>
      <input id="q" type="search" placeholder="Search posts, artists, tracks" value={q} autoComplete="off"
        role="combobox" list={undefined} aria-expanded={show} aria-controls="suggestions" aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `sugg-${active}` : undefined}
        onInput={(e) => { setQ((e.target as HTMLInputElement).value); setOpen(true); setActive(-1); }} onKeyDown={onKey}
        onBlur={() => setTimeout(() => setOpen(false), 150)} onFocus={() => setOpen(true)} />
      <button type="submit">Search</button>
      {show && (
        <ul id="suggestions" role="listbox" class="suggestions" aria-label="Suggestions">
          {items.map((s, i) => (
            <li id={`sugg-${i}`} role="option" aria-selected={i === active} class={i === active ? 'on' : ''}
              onMouseDown={(e) => { e.preventDefault(); setOpen(false); navigate(s.href); }}>
              <span class="kind">{s.kind}</span> {s.label} {s.sub && <span class="muted">· {s.sub}</span>}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

export function Search() {
  const q = new URLSearchParams(location.search).get('q') ?? '';
  const [kind, setKind] = useState<Kind>('posts');
  const [page, setPage] = useState<Page<any> | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setPage(null);
    setError(undefined);
    if (!q) return;
    api<Page<any>>(`/search?q=${encodeURIComponent(q)}&type=${kind}&limit=20`).then(setPage, setError);
  }, [q, kind]);
  return (
    <div>
      <h1>Search</h1>
      <SearchBox initial={q} key={q} />
      {q && <Tabs label="Result type" value={kind} onChange={setKind} options={[['posts', 'Posts'], ['artists', 'Artists'], ['tracks', 'Tracks']]} />}
      {error instanceof ApiError && error.problem.errors?.length
        ? <p class="field-error" data-field="q">{error.fields().q ?? error.message}</p>
        : <ErrorLine error={error} />}
      {page && !page.items.length && <Empty>No {kind} match “{q}”.</Empty>}
      {page && kind === 'posts' && (
        <ul class="card results">{page.items.map((p) => <li><a href={`/posts/${p.id}`}>{p.text}</a> <span class="when">{timeAgo(p.createdAt)}</span></li>)}</ul>
      )}
      {page && kind === 'artists' && <ul class="card results">{page.items.map((a) => <li><a href={`/artists/${a.id}`}>{a.name}</a></li>)}</ul>}
      {page && kind === 'tracks' && <ul class="tracks">{page.items.map((t) => <TrackRow track={t} />)}</ul>}
    </div>
  );
}
