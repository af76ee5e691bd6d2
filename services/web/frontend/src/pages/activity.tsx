import { useState } from 'preact/hooks';
import { api, MemberRef, Page } from '../api';
import { Empty, ErrorLine, Sentinel, Tabs, timeAgo, usePaged } from '../ui';

type Item = {
  id: string; kind: string; actor: MemberRef | null; postId: string | null; commentId: string | null;
  trackId: string | null; artistId: string | null; targetMember: MemberRef | null; text: string | null; at: string;
};

const VERBS: Record<string, string> = {
  FOLLOWED: 'followed', POST_LIKED: 'liked a post', POST_COMMENTED: 'commented on a post', COMMENT_REPLIED: 'replied to a comment',
  COMMENT_LIKED: 'liked a comment', POSTED: 'posted', COMMENTED: 'commented', TRACK_PUBLISHED: 'published a track',
  ARTIST_PUBLISHED: 'published an artist',
};

function describe(i: Item, mine: boolean) {
  const who = i.actor ? <a href={`/@${i.actor.handle}`}>{i.actor.displayName ?? i.actor.handle ?? 'Someone'}</a> : 'Someone';
  let verb = VERBS[i.kind] ?? i.kind.toLowerCase();
  if (mine && i.kind === 'FOLLOWED') verb = 'followed you';
  if (mine && i.kind === 'POST_LIKED') verb = 'liked your post';
  if (mine && i.kind === 'POST_COMMENTED') verb = 'commented on your post';
  if (mine && i.kind === 'COMMENT_LIKED') verb = 'liked your comment';
  if (mine && i.kind === 'COMMENT_REPLIED') verb = 'replied to your comment';
  const target = i.targetMember ? <> <a href={`/@${i.targetMember.handle}`}>{i.targetMember.displayName ?? i.targetMember.handle}</a></> : null;
  const link = i.postId ? <a href={`/posts/${i.postId}`}>view</a>
    : i.trackId ? <a href={`/tracks/${i.trackId}`}>listen</a>
      : i.artistId ? <a href={`/artists/${i.artistId}`}>see</a> : null;
  return <>{who} {verb}{target}{i.text ? <>: “{i.text}”</> : null} {link && <>· {link}</>}</>;
}

export function Activity() {
  const [tab, setTab] = useState<'me' | 'following'>('me');
  const list = usePaged<Item>((c) => api<Page<Item>>(`/activity/${tab}?limit=20${c ? `&cursor=${encodeURIComponent(c)}` : ''}`), [tab]);
  return (
    <div>
      <h1>Activity</h1>
      <Tabs label="Activity" value={tab} onChange={setTab} options={[['me', 'Notifications'], ['following', 'What my follows did']]} />
      <ul class="activity card">
        {list.items.map((i) => <li data-kind={i.kind}>{describe(i, tab === 'me')} <span class="when">{timeAgo(i.at)}</span></li>)}
        {list.done && !list.items.length && <Empty>Nothing yet.</Empty>}
      </ul>
      <ErrorLine error={list.error} />
      <Sentinel active={!list.done && !list.loading} onVisible={list.loadMore} />
    </div>
  );
}
