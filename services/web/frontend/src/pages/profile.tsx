import { useEffect, useState } from 'preact/hooks';
import { api, currentMember, MemberRef, Page } from '../api';
import { Post, PostCard } from '../posts';
import { Avatar, Empty, ErrorLine, Sentinel, Tabs, useLoad, usePaged } from '../ui';

type Profile = MemberRef & { bio?: string | null; followerCount: number; followingCount: number; createdAt: string };
type Recommendation = MemberRef & { reason: string };

/** Whether I follow `id`: the member API has no such flag, so my followings are scanned (≤ 500). */
async function iFollow(id: string): Promise<boolean> {
  const me = currentMember();
  if (!me) return false;
  let cursor: string | null = null;
  for (let i = 0; i < 5; i++) {
    const page: Page<MemberRef> = await api(`/members/${me.id}/followings?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (page.items.some((m) => m.id === id)) return true;
    if (!(cursor = page.nextCursor)) break;
  }
  return false;
}

export function FollowButton({ id, name, onChange }: { id: string; name: string; onChange?: (following: boolean) => void }) {
  const [following, setFollowing] = useState<boolean | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => { iFollow(id).then(setFollowing, () => setFollowing(false)); }, [id]);
  if (following === null || currentMember()?.id === id) return null;
  const toggle = async () => {
    try {
      await api(`/members/${id}/follow`, { method: following ? 'DELETE' : 'PUT' });
      setFollowing(!following);
      onChange?.(!following);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <span>
      <button type="button" class={following ? 'secondary' : ''} aria-pressed={following} onClick={toggle}
        aria-label={`${following ? 'Unfollow' : 'Follow'} ${name}`}>{following ? 'Following' : 'Follow'}</button>
      <ErrorLine error={error} />
    </span>
  );
}

function MemberList({ path }: { path: string }) {
  const list = usePaged<MemberRef>((c) => api(`${path}?limit=20${c ? `&cursor=${encodeURIComponent(c)}` : ''}`), [path]);
  return (
    <ul class="members card">
      {list.items.map((m) => (
        <li><Avatar name={m.displayName} url={m.avatarUrl} /> <a href={`/@${m.handle}`}>{m.displayName}</a> <span class="handle">@{m.handle}</span></li>
      ))}
      {list.done && !list.items.length && <Empty>Nobody yet.</Empty>}
      <Sentinel active={!list.done && !list.loading} onVisible={list.loadMore} />
    </ul>
  );
}

export function Recommendations() {
  const recs = useLoad(() => (currentMember() ? api<{ items: Recommendation[] }>('/members/recommendations?limit=5') : Promise.resolve({ items: [] })), []);
  if (!recs.data?.items.length) return null;
  return (
    <section class="card" aria-labelledby="recs-title">
      <h2 id="recs-title">Who to follow</h2>
      <ul class="members">
        {recs.data.items.map((m) => (
          <li>
            <Avatar name={m.displayName} url={m.avatarUrl} /> <a href={`/@${m.handle}`}>{m.displayName}</a>
            <span class="muted"> {m.reason === 'new-member' ? 'new here' : 'followed by people you follow'}</span>{' '}
            <FollowButton id={m.id} name={m.displayName} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ProfilePage({ handle }: { handle: string }) {
  const profile = useLoad(() => api<Profile>(`/members/@${encodeURIComponent(handle)}`), [handle]);
  const [tab, setTab] = useState<'posts' | 'followers' | 'followings'>('posts');
  const p = profile.data;
  const posts = usePaged<Post>((c) => (p ? api(`/timeline/members/${p.id}?limit=20${c ? `&cursor=${encodeURIComponent(c)}` : ''}`) : Promise.resolve({ items: [], nextCursor: null })), [p?.id]);
  if (profile.error) return <ErrorLine error={profile.error} />;
  if (!p) return <p class="muted">Loading…</p>;
  return (
    <div>
      <section class="card profile">
        <Avatar name={p.displayName} url={p.avatarUrl} size={64} />
        <div>
          <h1>{p.displayName}</h1>
          <p class="handle">@{p.handle}</p>
          {p.bio && <p>{p.bio}</p>}
          <p class="muted"><span data-testid="follower-count">{p.followerCount}</span> {p.followerCount === 1 ? 'follower' : 'followers'} · {p.followingCount} following</p>
        </div>
        <FollowButton id={p.id} name={p.displayName}
          onChange={(f) => profile.setData({ ...p, followerCount: p.followerCount + (f ? 1 : -1) })} />
      </section>
      <Tabs label="Profile sections" value={tab} onChange={setTab}
        options={[['posts', 'Posts'], ['followers', 'Followers'], ['followings', 'Following']]} />
      {tab === 'posts' && (
        <section aria-label="Posts" class="feed">
          {posts.items.map((x) => <PostCard key={x.id} post={x} />)}
          {posts.done && !posts.items.length && <Empty>No posts yet.</Empty>}
          <Sentinel active={!posts.done && !posts.loading} onVisible={posts.loadMore} />
        </section>
      )}
      {tab === 'followers' && <MemberList path={`/members/${p.id}/followers`} />}
      {tab === 'followings' && <MemberList path={`/members/${p.id}/followings`} />}
      {currentMember()?.id === p.id && <Recommendations />}
    </div>
  );
}
