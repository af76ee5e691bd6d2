import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentMember, logout, onSessionChange, refresh } from './api';
import { PlayerBar } from './player';
import { match, navigate, onLinkClick, useLocation } from './router';
import { Activity } from './pages/activity';
import { Login, Signup } from './pages/auth';
import { Charts } from './pages/charts';
import { Chat } from './pages/chat';
import { Home } from './pages/home';
import { ArtistPage, Artists, PlaylistPage, Playlists, Recent, TrackPage, Upload } from './pages/music';
import { PostDetail } from './pages/post';
import { ProfilePage } from './pages/profile';
import { Search } from './pages/search';
import './styles.css';

type Route = [pattern: string, page: (p: Record<string, string>) => preact.JSX.Element, signedIn: boolean];
const ROUTES: Route[] = [
  ['/', () => <Home />, true],
  ['/login', () => <Login />, false],
  ['/signup', () => <Signup />, false],
  ['/posts/:id', (p) => <PostDetail id={p.id} />, false],
  ['/search', () => <Search />, false],
  ['/activity', () => <Activity />, true],
  ['/charts', () => <Charts />, false],
  ['/artists', () => <Artists />, false],
  ['/artists/:id', (p) => <ArtistPage id={p.id} />, false],
  ['/tracks/:id', (p) => <TrackPage id={p.id} />, false],
  ['/upload', () => <Upload />, true],
  ['/playlists', () => <Playlists />, true],
  ['/playlists/:id', (p) => <PlaylistPage id={p.id} />, false],
  ['/recent', () => <Recent />, true],
  ['/chat', () => <Chat />, true],
];

const TITLES: [string, string][] = [['/login', 'Log in'], ['/signup', 'Sign up'], ['/posts/', 'Post'], ['/search', 'Search'],
  ['/activity', 'Activity'], ['/charts', 'Charts'], ['/artists', 'Artists'], ['/tracks/', 'Track'], ['/upload', 'Upload'],
  ['/playlists', 'Playlists'], ['/recent', 'Recently played'], ['/chat', 'Chat'], ['/@', 'Profile']];

function Page({ path }: { path: string }) {
  useEffect(() => {
    const title = path === '/' ? 'Home' : TITLES.find(([prefix]) => path.startsWith(prefix))?.[1];
    document.title = title ? `${title} · Chorus` : 'Chorus';
  }, [path]);
  if (path.startsWith('/@')) return <ProfilePage handle={decodeURIComponent(path.slice(2))} />;
  for (const [pattern, page, signedIn] of ROUTES) {
    const params = match(pattern, path);
    if (!params) continue;
    if (signedIn && !currentMember()) {
      navigate('/login?next=' + encodeURIComponent(path + location.search), true);
      return null;
    }
    return page(params);
  }
  return <section class="card"><h1>Not found</h1><p>There is no page at {path}. <a href="/">Go home</a>.</p></section>;
}

function Nav() {
  const me = currentMember();
  const { path } = useLocation();
  const links: [string, string][] = me
    ? [['/', 'Home'], ['/search', 'Search'], ['/activity', 'Activity'], ['/charts', 'Charts'], ['/artists', 'Artists'],
      ['/upload', 'Upload'], ['/playlists', 'Playlists'], ['/recent', 'Recent'], ['/chat', 'Chat']]
    : [['/search', 'Search'], ['/charts', 'Charts'], ['/artists', 'Artists']];
  return (
    <header class="top">
      <a href={me ? '/' : '/login'} class="brand">Chorus</a>
      <nav aria-label="Main">
        <ul>
          {links.map(([href, text]) => <li><a href={href} aria-current={path === href ? 'page' : undefined}>{text}</a></li>)}
        </ul>
      </nav>
      <div class="me">
        {me ? (
          <>
            <a href={`/@${me.handle}`} data-testid="me">@{me.handle}</a>
            <button type="button" class="link" onClick={async () => { await logout(); navigate('/login', true); }}>Log out</button>
          </>
        ) : <><a href="/login">Log in</a> <a href="/signup">Sign up</a></>}
      </div>
    </header>
  );
}

function App() {
  const { path } = useLocation();
  const [ready, setReady] = useState(false);
  const [, setTick] = useState(0);
  // The access token is in memory only: a reload asks the refresh cookie for a new one first.
  useEffect(() => { refresh().finally(() => setReady(true)); }, []);
  useEffect(() => onSessionChange(() => setTick((t) => t + 1)), []);
  return (
    <div class="shell" onClick={onLinkClick}>
      <a href="#main" class="skip">Skip to content</a>
      <Nav />
      <main id="main" tabIndex={-1}>{ready ? <Page path={path} key={path + location.search} /> : <p class="muted">Loading…</p>}</main>
      <PlayerBar />
    </div>
  );
}

render(<App />, document.getElementById('app')!);
