import { useState } from 'preact/hooks';
import { api, MemberRef } from './api';
import { Avatar, timeAgo } from './ui';

export type Post = {
  id: string; authorId: string; author?: MemberRef | null; text: string; trackId?: string | null;
  imageIds?: string[]; createdAt: string; likeCount: number; commentCount: number; likedByMe?: boolean;
};

export function LikeButton(props: { path: string; liked: boolean; count: number; label: string }) {
  const [liked, setLiked] = useState(props.liked);
  const [count, setCount] = useState(props.count);
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      await api(props.path, { method: liked ? 'DELETE' : 'PUT' });
      setCount(count + (liked ? -1 : 1));
      setLiked(!liked);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class={`like ${liked ? 'on' : ''}`} aria-pressed={liked} disabled={busy}
      aria-label={`${liked ? 'Unlike' : 'Like'} ${props.label}`} onClick={toggle}>
      <span aria-hidden="true">{liked ? '♥' : '♡'}</span> <span class="count">{count}</span>
    </button>
  );
}

export function PostCard({ post, link = true }: { post: Post; link?: boolean }) {
  const name = post.author?.displayName ?? 'Someone';
  return (
    <article class="post" data-post-id={post.id}>
      <header>
        <Avatar name={name} url={post.author?.avatarUrl} />
        <div>
          {post.author ? <a href={`/@${post.author.handle}`} class="name">{name}</a> : <span class="name">{name}</span>}
          {post.author && <span class="handle"> @{post.author.handle}</span>}
          <div class="when">{link ? <a href={`/posts/${post.id}`}>{timeAgo(post.createdAt)}</a> : timeAgo(post.createdAt)}</div>
        </div>
      </header>
      <p class="text">{post.text}</p>
      {!!post.imageIds?.length && (
        <div class="images">
          {post.imageIds.map((id) => <img src={`/api/images/${encodeURIComponent(id)}?size=thumb`} alt="Attached image" loading="lazy" />)}
        </div>
      )}
      {post.trackId && <p class="track-ref">♪ <a href={`/tracks/${post.trackId}`}>Attached track</a></p>}
      <footer>
        <LikeButton path={`/posts/${post.id}/like`} liked={!!post.likedByMe} count={post.likeCount} label="post" />
        <a class="comments" href={`/posts/${post.id}`}>{post.commentCount} {post.commentCount === 1 ? 'comment' : 'comments'}</a>
      </footer>
    </article>
  );
}
