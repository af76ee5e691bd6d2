import { useEffect, useRef, useState } from 'preact/hooks';
import { api, currentMember } from './api';
import { duration } from './ui';

export type Track = {
  id: string; title: string; artistId: string; artistName?: string | null; durationMs?: number | null;
  coverUrl?: string | null; coverImageId?: string | null; plays?: number;
};
type Lyric = { startMs: number; endMs: number; text: string };

// One player for the whole app: pages call play(track) and the bar (rendered once, outside the
// routed page) keeps the <audio> element alive across navigation.
let current: Track | null = null;
const listeners = new Set<() => void>();
export function play(track: Track) {
  current = track;
  listeners.forEach((l) => l());
}
function useCurrent() {
  const [, set] = useState(0);
  useEffect(() => {
    const l = () => set((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return current;
}

export function coverOf(t: { id: string; coverUrl?: string | null; coverImageId?: string | null }, thumb = true): string | null {
  if (t.coverUrl) return t.coverUrl + (thumb ? (t.coverUrl.includes('?') ? '&' : '?') + 'size=thumb' : '');
  if (t.coverImageId) return `/api/tracks/${encodeURIComponent(t.id)}/cover${thumb ? '?size=thumb' : ''}`;
  return null;
}

export function PlayerBar() {
  const track = useCurrent();
  const audio = useRef<HTMLAudioElement>(null);
  const [time, setTime] = useState(0);
  const [total, setTotal] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [lyrics, setLyrics] = useState<Lyric[]>([]);
  // Listening is counted from real playback only (seeks do not add), and reported once per load:
  // the server decides whether it counts as a play (≥ 30 s or ≥ half the track).
  const listened = useRef({ ms: 0, last: 0, reported: false });

  useEffect(() => {
    if (!track || !audio.current) return;
    listened.current = { ms: 0, last: 0, reported: false };
    setTime(0);
    setLyrics([]);
    audio.current.src = `/api/tracks/${encodeURIComponent(track.id)}/stream`;
    audio.current.play().catch(() => setPlaying(false));
    api<{ lines: Lyric[] }>(`/tracks/${encodeURIComponent(track.id)}/lyrics`)
      .then((l) => setLyrics(l?.lines ?? []), () => setLyrics([]));
  }, [track]);

  const report = () => {
    const l = listened.current;
    if (!track || l.reported || !currentMember() || l.ms < 1000) return;
    l.reported = true;
    api(`/tracks/${encodeURIComponent(track.id)}/plays`, { method: 'POST', json: { listenedMs: Math.round(l.ms) } })
      .catch(() => { l.reported = false; });
  };

  const onTime = () => {
    const a = audio.current!;
    const now = a.currentTime;
    const l = listened.current;
    const step = now - l.last;
    if (step > 0 && step < 1.5 && !a.seeking) l.ms += step * 1000;
    l.last = now;
    setTime(now);
    const dur = isFinite(a.duration) ? a.duration * 1000 : track?.durationMs ?? 0;
    if (l.ms >= 30_000 || (dur > 0 && l.ms >= dur / 2)) report();
  };

  if (!track) return <div class="player empty" aria-hidden="true"><audio ref={audio} preload="metadata" /></div>;
  const ms = time * 1000;
  const line = lyrics.findIndex((l) => ms >= l.startMs && ms < l.endMs);
  const cover = coverOf(track);
  return (
    <section class="player" aria-label="Player">
      <audio ref={audio} preload="metadata"
        onTimeUpdate={onTime} onSeeked={() => { listened.current.last = audio.current!.currentTime; }}
        onLoadedMetadata={() => setTotal(audio.current!.duration)}
        onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)}
        onEnded={() => { setPlaying(false); report(); }} />
      {cover ? <img class="cover" src={cover} alt={`Cover of ${track.title}`} /> : <span class="cover none" aria-hidden="true">♪</span>}
      <div class="meta">
        <strong class="title" data-testid="player-title">{track.title}</strong>
        <a href={`/artists/${track.artistId}`} class="artist">{track.artistName ?? 'Artist'}</a>
        <p class="lyric" aria-live="polite" data-testid="lyric">{line >= 0 ? lyrics[line].text : ''}</p>
      </div>
      <button type="button" class="play" aria-label={playing ? 'Pause' : 'Play'}
        onClick={() => (playing ? audio.current!.pause() : void audio.current!.play())}>{playing ? '❚❚' : '▶'}</button>
      <div class="seek">
        <span data-testid="player-time">{duration(ms)}</span>
        <input type="range" aria-label="Seek" min={0} max={total || 0} step="0.1" value={time}
          onInput={(e) => { audio.current!.currentTime = Number((e.target as HTMLInputElement).value); }} />
        <span>{duration(total * 1000)}</span>
      </div>
    </section>
  );
}
