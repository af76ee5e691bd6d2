import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, currentMember, Page, upload } from '../api';
import { coverOf, play, Track } from '../player';
import { navigate } from '../router';
import { duration, Empty, ErrorLine, Field, Sentinel, useLoad, usePaged } from '../ui';

type Artist = { id: string; ownerId: string; name: string; bio?: string | null; imageId?: string | null; tracks?: Page<Track> };
type Playlist = { id: string; ownerId: string; name: string; entryCount: number; entries: { position: number; entryId: string; trackId: string; track: Track | null }[] };

// There is no "my playlists" endpoint: the ids a member creates are remembered in this browser.
const playlistsKey = () => `chorus.playlists.${currentMember()?.id ?? 'anon'}`;
export function myPlaylists(): { id: string; name: string }[] {
  try { return JSON.parse(localStorage.getItem(playlistsKey()) ?? '[]'); } catch { return []; }
}
function rememberPlaylist(p: { id: string; name: string }) {
  localStorage.setItem(playlistsKey(), JSON.stringify([p, ...myPlaylists().filter((x) => x.id !== p.id)]));
}

export function AddToPlaylist({ track }: { track: Track }) {
  const lists = myPlaylists();
  const [status, setStatus] = useState('');
  if (!currentMember() || !lists.length) return null;
  return (
    <label class="add-to">
      <span class="visually-hidden">Add {track.title} to a playlist</span>
      <select onChange={async (e) => {
        const sel = e.target as HTMLSelectElement;
        if (!sel.value) return;
        try {
          await api(`/playlists/${sel.value}/tracks`, { method: 'POST', json: { trackId: track.id } });
          setStatus('Added');
        } catch (err) { setStatus((err as Error).message); }
        sel.value = '';
      }}>
        <option value="">+ Playlist…</option>
        {lists.map((p) => <option value={p.id}>{p.name}</option>)}
      </select>
      <span class="muted" role="status">{status}</span>
    </label>
  );
}

export function TrackRow({ track, extra }: { track: Track; extra?: preact.ComponentChildren }) {
  const cover = coverOf(track);
  return (
    <li class="track" data-track-id={track.id}>
      {cover ? <img class="cover" src={cover} alt="" loading="lazy" /> : <span class="cover none" aria-hidden="true">♪</span>}
      <div class="meta">
        <a href={`/tracks/${track.id}`} class="title">{track.title}</a>
        <a href={`/artists/${track.artistId}`} class="artist">{track.artistName ?? ''}</a>
      </div>
      {extra}
      <span class="muted dur">{duration(track.durationMs)}</span>
      <button type="button" class="icon" aria-label={`Play ${track.title}`} onClick={() => play(track)}>▶</button>
      <AddToPlaylist track={track} />
    </li>
  );
}

export function Artists() {
  const list = usePaged<Artist>((c) => api(`/artists?limit=18${c ? `&cursor=${encodeURIComponent(c)}` : ''}`), []);
  const [name, setName] = useState('');
  const [bio, setBio] = useState('');
  const [error, setError] = useState<unknown>();
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      const a = await api<Artist>('/artists', { method: 'POST', json: bio ? { name, bio } : { name } });
      navigate(`/artists/${a.id}`);
    } catch (err) { setError(err); }
  };
  const fields = error instanceof ApiError ? error.fields() : {};
  return (
    <div>
      <h1>Artists</h1>
      {currentMember() && (
        <form class="card" onSubmit={create} aria-label="New artist">
          <Field label="Artist name" name="name" value={name} onInput={setName} error={fields.name} />
          <Field label="Bio" name="bio" multiline value={bio} onInput={setBio} error={fields.bio} />
          <ErrorLine error={error instanceof ApiError && error.problem.errors?.length ? null : error} />
          <button type="submit" disabled={!name.trim()}>Create artist</button>
        </form>
      )}
      <ul class="grid">
        {list.items.map((a) => <li class="card"><a href={`/artists/${a.id}`}>{a.name}</a></li>)}
      </ul>
      <Sentinel active={!list.done && !list.loading} onVisible={list.loadMore} />
    </div>
  );
}

export function ArtistPage({ id }: { id: string }) {
  const artist = useLoad(() => api<Artist>(`/artists/${encodeURIComponent(id)}`), [id]);
  const [more, setMore] = useState<Track[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => { setMore([]); setCursor(artist.data?.tracks?.nextCursor ?? null); }, [artist.data]);
  if (artist.error) return <ErrorLine error={artist.error} />;
  const a = artist.data;
  if (!a) return <p class="muted">Loading…</p>;
  const tracks = [...(a.tracks?.items ?? []), ...more].map((t) => ({ ...t, artistName: t.artistName ?? a.name }));
  return (
    <div>
      <section class="card">
        <h1>{a.name}</h1>
        {a.bio && <p>{a.bio}</p>}
        {currentMember()?.id === a.ownerId && <a class="button" href={`/upload?artist=${a.id}`}>Upload a track</a>}
      </section>
      <ul class="tracks">{tracks.map((t) => <TrackRow track={t} />)}</ul>
      {!tracks.length && <Empty>No tracks yet.</Empty>}
      {cursor && (
        <button type="button" onClick={async () => {
          const page = await api<Page<Track>>(`/artists/${id}/tracks?limit=9&cursor=${encodeURIComponent(cursor)}`);
          setMore([...more, ...page.items]);
          setCursor(page.nextCursor);
        }}>Load 9 more</button>
      )}
    </div>
  );
}

type Lyric = { startMs: number; endMs: number; text: string };

/** The owner pastes LRC ("[mm:ss.xx] line"); music stores it as timed lines the player follows. */
function LyricsEditor({ id, onSaved }: { id: string; onSaved: () => void }) {
  const [lrc, setLrc] = useState('');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    try {
      await api(`/tracks/${id}/lyrics`, { method: 'PUT', body: new Blob([lrc], { type: 'text/plain' }) });
      setError(undefined);
      setSaved(true);
      onSaved();
    } catch (err) { setError(err); }
  };
  const fields = error instanceof ApiError ? error.fields() : {};
  return (
    <form onSubmit={save} aria-label="Edit lyrics">
      <Field label="Lyrics (LRC: [mm:ss.xx] text per line)" name="lyrics" multiline value={lrc} onInput={setLrc}
        error={Object.values(fields).join('; ') || undefined} />
      <ErrorLine error={error instanceof ApiError && error.problem.errors?.length ? null : error} />
      <button type="submit" disabled={!lrc.trim()}>Save lyrics</button> {saved && <span role="status" class="ok">Saved</span>}
    </form>
  );
}

export function TrackPage({ id }: { id: string }) {
  const track = useLoad(() => api<Track & { ownerId: string; createdAt: string }>(`/tracks/${encodeURIComponent(id)}`), [id]);
  const lyrics = useLoad(() => api<{ lines: Lyric[] }>(`/tracks/${encodeURIComponent(id)}/lyrics`).catch(() => ({ lines: [] })), [id]);
  if (track.error) return <ErrorLine error={track.error} />;
  const t = track.data;
  if (!t) return <p class="muted">Loading…</p>;
  const cover = coverOf(t, false);
  const plays = t.plays ?? 0;
  return (
    <div>
      <section class="card track-page">
        {cover && <img class="big-cover" src={cover} alt={`Cover of ${t.title}`} />}
        <h1>{t.title}</h1>
        <p><a href={`/artists/${t.artistId}`}>{t.artistName}</a> · {duration(t.durationMs)} · <span data-testid="plays">{plays}</span> {plays === 1 ? 'play' : 'plays'}</p>
        <div class="row wrap">
          <button type="button" onClick={() => play(t)}>▶ Play</button>
          <AddToPlaylist track={t} />
        </div>
      </section>
      <section class="card" aria-labelledby="lyrics-title">
        <h2 id="lyrics-title">Lyrics</h2>
        {lyrics.data?.lines.length ? <ol class="lyrics">{lyrics.data.lines.map((l) => <li><span class="muted">{duration(l.startMs)}</span> {l.text}</li>)}</ol>
          : <p class="muted">No lyrics yet.</p>}
        {currentMember()?.id === t.ownerId && <LyricsEditor id={t.id} onSaved={lyrics.reload} />}
      </section>
    </div>
  );
}

export function Upload() {
  const me = currentMember();
  const artists = useLoad(async () => {
    const mine: Artist[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Page<Artist> = await api(`/artists?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      mine.push(...page.items.filter((a) => a.ownerId === me?.id));
      if (!(cursor = page.nextCursor)) break;
    }
    return mine;
  }, [me?.id]);
  const [artistId, setArtistId] = useState(new URLSearchParams(location.search).get('artist') ?? '');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [cover, setCover] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<Track | null>(null);
  const chosen = artistId || artists.data?.[0]?.id || '';
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone(null);
    const form = new FormData();
    form.append('artistId', chosen);
    if (title) form.append('title', title);
    if (file) form.append('file', file);
    if (cover) form.append('cover', cover);
    setProgress(0);
    try {
      setDone(await upload<Track>('/tracks', form, setProgress));
      setProgress(1);
    } catch (err) {
      setError(err);
      setProgress(null);
    }
  };
  const fields = error instanceof ApiError ? error.fields() : {};
  if (artists.data && !artists.data.length) {
    return <p class="card">Tracks belong to an artist. <a href="/artists">Create your artist first</a>.</p>;
  }
  return (
    <form class="card" onSubmit={submit} aria-labelledby="upload-title">
      <h1 id="upload-title">Upload a track</h1>
      <div class="field">
        <label for="f-artistId">Artist</label>
        <select id="f-artistId" name="artistId" value={chosen} onChange={(e) => setArtistId((e.target as HTMLSelectElement).value)}>
          {artists.data?.map((a) => <option value={a.id}>{a.name}</option>)}
        </select>
        {fields.artistId && <p class="field-error" data-field="artistId">{fields.artistId}</p>}
      </div>
      <Field label="Title" name="title" value={title} onInput={setTitle} error={fields.title} />
      <div class="field">
        <label for="f-file">Audio file (MP3, FLAC, Ogg, WAV, M4A)</label>
        <input id="f-file" name="file" type="file" accept="audio/*" required onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        {fields.file && <p class="field-error" data-field="file">{fields.file}</p>}
      </div>
      <div class="field">
        <label for="f-cover">Cover (PNG or JPEG, optional)</label>
        <input id="f-cover" name="cover" type="file" accept="image/png,image/jpeg" onChange={(e) => setCover((e.target as HTMLInputElement).files?.[0] ?? null)} />
        {fields.cover && <p class="field-error" data-field="cover">{fields.cover}</p>}
      </div>
      {progress !== null && (
        <div class="progress">
          <progress max={1} value={progress} aria-label="Upload progress" />
          <span data-testid="upload-percent">{Math.round(progress * 100)}%</span>
        </div>
      )}
      <ErrorLine error={error instanceof ApiError && error.problem.errors?.length ? null : error} />
      <button type="submit" disabled={!file || !chosen || (progress !== null && !done)}>Upload</button>
      {done && (
        <p role="status" class="ok">Uploaded <a href={`/tracks/${done.id}`}>{done.title}</a>{' '}
          <button type="button" onClick={() => play(done)}>▶ Play it</button></p>
      )}
    </form>
  );
}

export function Playlists() {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      const p = await api<Playlist>('/playlists', { method: 'POST', json: { name } });
      rememberPlaylist(p);
      navigate(`/playlists/${p.id}`);
    } catch (err) { setError(err); }
  };
  const fields = error instanceof ApiError ? error.fields() : {};
  return (
    <div>
      <h1>Playlists</h1>
      <form class="card" onSubmit={create} aria-label="New playlist">
        <Field label="Playlist name" name="name" value={name} onInput={setName} error={fields.name} />
        <ErrorLine error={error instanceof ApiError && error.problem.errors?.length ? null : error} />
        <button type="submit" disabled={!name.trim()}>Create playlist</button>
      </form>
      <ul class="card">
        {myPlaylists().map((p) => <li><a href={`/playlists/${p.id}`}>{p.name}</a></li>)}
        {!myPlaylists().length && <Empty>No playlists in this browser yet.</Empty>}
      </ul>
    </div>
  );
}

export function PlaylistPage({ id }: { id: string }) {
  const pl = useLoad(() => api<Playlist>(`/playlists/${encodeURIComponent(id)}`), [id]);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const mine = pl.data?.ownerId === currentMember()?.id;
  const move = async (from: number, to: number) => {
    if (from === to || !pl.data || to < 0 || to >= pl.data.entries.length) return;
    // Optimistic: show the new order at once, then take the server's answer.
    const entries = [...pl.data.entries];
    const [e] = entries.splice(from, 1);
    entries.splice(to, 0, e);
    pl.setData({ ...pl.data, entries: entries.map((x, i) => ({ ...x, position: i })) });
    try {
      pl.setData(await api<Playlist>(`/playlists/${id}/tracks:move`, { method: 'POST', json: { from, to } }));
    } catch (err) {
      setError(err);
      pl.reload();
    }
  };
  const remove = async (position: number) => {
    await api(`/playlists/${id}/tracks/${position}`, { method: 'DELETE' });
    pl.reload();
  };
  if (pl.error) return <ErrorLine error={pl.error} />;
  const p = pl.data;
  if (!p) return <p class="muted">Loading…</p>;
  return (
    <div>
      <h1>{p.name}</h1>
      <p class="muted">{p.entryCount} tracks{mine && ' · drag a track, or use its ↑ ↓ buttons, to reorder'}</p>
      <ErrorLine error={error} />
      <ol class="tracks playlist">
        {p.entries.map((e, i) => (
          <li key={e.entryId} class={`entry ${dragFrom === i ? 'dragging' : ''}`} data-entry-id={e.entryId}
            draggable={mine} onDragStart={(ev) => { setDragFrom(i); ev.dataTransfer?.setData('text/plain', String(i)); }}
            onDragOver={(ev) => mine && ev.preventDefault()} onDragEnd={() => setDragFrom(null)}
            onDrop={(ev) => { ev.preventDefault(); const from = Number(ev.dataTransfer?.getData('text/plain') ?? dragFrom); setDragFrom(null); void move(from, i); }}>
            {mine && <span class="grip" aria-hidden="true">⠿</span>}
            {e.track ? <TrackRow track={e.track} extra={mine && (
              <span class="reorder">
                <button type="button" class="icon" aria-label={`Move ${e.track.title} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</button>
                <button type="button" class="icon" aria-label={`Move ${e.track.title} down`} disabled={i === p.entries.length - 1} onClick={() => move(i, i + 1)}>↓</button>
                <button type="button" class="icon" aria-label={`Remove ${e.track.title}`} onClick={() => remove(e.position)}>✕</button>
              </span>
            )} /> : <span class="muted">A deleted track</span>}
          </li>
        ))}
      </ol>
      {!p.entries.length && <Empty>Add tracks from an artist page, a chart or search.</Empty>}
    </div>
  );
}

export function Recent() {
  const recent = useLoad(() => api<Page<Track>>('/me/recent-tracks?limit=50'), []);
  return (
    <div>
      <h1>Recently played</h1>
      <ErrorLine error={recent.error} />
      <ul class="tracks">{recent.data?.items.map((t) => <TrackRow track={t} />)}</ul>
      {recent.data && !recent.data.items.length && <Empty>Nothing played yet.</Empty>}
    </div>
  );
}
