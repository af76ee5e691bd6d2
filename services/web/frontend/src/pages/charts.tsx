import { useState } from 'preact/hooks';
import { api } from '../api';
import { coverOf, play } from '../player';
import { Empty, ErrorLine, Tabs, useLoad } from '../ui';

type Period = 'daily' | 'weekly' | 'monthly';
type Item = {
  rank: number; trackId: string; plays: number; delta: { direction: 'UP' | 'DOWN' | 'SAME' | 'NEW'; amount?: number; previousRank?: number };
  title: string | null; artistId: string | null; artistName: string | null; coverUrl: string | null;
};
type Chart = { period: Period; periodId: string; from: string; to: string; status: string; items: Item[] };

function Delta({ d }: { d: Item['delta'] }) {
  switch (d.direction) {
    case 'UP': return <span class="delta up" aria-label={`up ${d.amount}`}>↑{d.amount}</span>;
    case 'DOWN': return <span class="delta down" aria-label={`down ${d.amount}`}>↓{d.amount}</span>;
    case 'NEW': return <span class="delta new">NEW</span>;
    default: return <span class="delta same" aria-label="no change">=</span>;
  }
}

export function Charts() {
  const params = new URLSearchParams(location.search);
  const [period, setPeriod] = useState<Period>((params.get('period') as Period) || 'daily');
  const [date, setDate] = useState(params.get('date') ?? '');
  const chart = useLoad(() => api<Chart>(`/charts/${period}?limit=50${date ? `&date=${date}` : ''}`), [period, date]);
  const c = chart.data;
  return (
    <div>
      <h1>Charts</h1>
      <div class="row wrap">
        <Tabs label="Chart period" value={period} onChange={(p) => setPeriod(p)}
          options={[['daily', 'Daily'], ['weekly', 'Weekly'], ['monthly', 'Monthly']]} />
        <label class="inline">Day in period <input type="date" value={date} onChange={(e) => setDate((e.target as HTMLInputElement).value)} /></label>
        {date && <button type="button" class="link" onClick={() => setDate('')}>Today</button>}
      </div>
      <ErrorLine error={chart.error} />
      {c && <p class="muted">{c.periodId} · {c.from === c.to ? c.from : `${c.from} – ${c.to}`} · {c.status === 'LIVE' ? 'live' : 'final'}</p>}
      {c && !c.items.length && <Empty>No plays in this period yet.</Empty>}
      {c && c.items.length > 0 && (
        <table class="chart">
          <caption class="visually-hidden">{period} chart {c.periodId}</caption>
          <thead><tr><th scope="col">#</th><th scope="col">Move</th><th scope="col">Track</th><th scope="col">Plays</th><th scope="col"><span class="visually-hidden">Play</span></th></tr></thead>
          <tbody>
            {c.items.map((i) => {
              const cover = coverOf({ id: i.trackId, coverUrl: i.coverUrl });
              return (
                <tr data-track-id={i.trackId}>
                  <td class="rank">{i.rank}</td>
                  <td><Delta d={i.delta} /></td>
                  <td><div class="t">
                    {cover ? <img class="cover" src={cover} alt="" /> : <span class="cover none" aria-hidden="true">♪</span>}
                    <span><a href={`/tracks/${i.trackId}`}>{i.title ?? 'Untitled'}</a><br />
                      {i.artistId && <a class="muted" href={`/artists/${i.artistId}`}>{i.artistName}</a>}</span>
                  </div></td>
                  <td class="plays">{i.plays}</td>
                  <td><button type="button" class="icon" aria-label={`Play ${i.title ?? 'track'}`}
                    onClick={() => play({ id: i.trackId, title: i.title ?? 'Untitled', artistId: i.artistId ?? '', artistName: i.artistName, coverUrl: i.coverUrl })}>▶</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
