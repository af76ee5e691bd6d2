import { useState } from 'preact/hooks';
import { api, ApiError, currentMember, MemberRef, Page } from '../api';
import { LikeButton, Post, PostCard } from '../posts';
import { Avatar, ErrorLine, Field, timeAgo, useLoad } from '../ui';

type Comment = {
  id: string; postId: string; parentId: string | null; authorId: string; author?: MemberRef | null; text: string;
  likeCount: number; likedByMe?: boolean; createdAt: string; replyCount?: number; replies?: Comment[];
};

function CommentForm({ postId, parentId, onDone, label }: { postId: string; parentId?: string; onDone: () => void; label: string }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api(`/posts/${postId}/comments`, { method: 'POST', json: parentId ? { text, parentId } : { text } });
      setText('');
      setError(undefined);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const fields = error instanceof ApiError ? error.fields() : {};
  return (
    <form class="comment-form" onSubmit={submit}>
      <Field label={label} name={parentId ? `reply-${parentId}` : 'comment'} multiline value={text} onInput={setText}
        error={fields.text ?? fields.parentId} maxLength={1000} />
      <ErrorLine error={error instanceof ApiError && error.problem.errors?.length ? null : error} />
      <button type="submit" disabled={!text.trim() || !currentMember()}>{parentId ? 'Reply' : 'Comment'}</button>
    </form>
  );
}

function CommentView({ c, postId, onChange }: { c: Comment; postId: string; onChange: () => void }) {
  const [replying, setReplying] = useState(false);
  const [more, setMore] = useState<Comment[] | null>(null);
  const name = c.author?.displayName ?? 'Someone';
  const replies = more ?? c.replies ?? [];
  const loadAll = async () => {
    const page = await api<Page<Comment>>(`/posts/${postId}/comments?parentId=${c.id}&limit=100`);
    setMore(page.items);
  };
  return (
    <li class="comment" data-comment-id={c.id}>
      <div class="head">
        <Avatar name={name} url={c.author?.avatarUrl} size={24} />
        {c.author ? <a href={`/@${c.author.handle}`}>{name}</a> : <span>{name}</span>}
        <span class="when">{timeAgo(c.createdAt)}</span>
      </div>
      <p class="text">{c.text}</p>
      <div class="actions">
        <LikeButton path={`/comments/${c.id}/like`} liked={!!c.likedByMe} count={c.likeCount} label="comment" />
        {!c.parentId && <button type="button" class="link" aria-expanded={replying} onClick={() => setReplying(!replying)}>Reply</button>}
      </div>
      {replying && <CommentForm postId={postId} parentId={c.id} label={`Reply to ${name}`} onDone={() => { setReplying(false); onChange(); }} />}
      {replies.length > 0 && (
        <ul class="replies">{replies.map((r) => <CommentView key={r.id} c={r} postId={postId} onChange={onChange} />)}</ul>
      )}
      {!more && (c.replyCount ?? 0) > (c.replies?.length ?? 0) && (
        <button type="button" class="link" onClick={loadAll}>Show all {c.replyCount} replies</button>
      )}
    </li>
  );
}

export function PostDetail({ id }: { id: string }) {
  const post = useLoad(() => api<Post>(`/posts/${encodeURIComponent(id)}`), [id]);
  const comments = useLoad(() => api<Page<Comment>>(`/posts/${encodeURIComponent(id)}/comments?limit=100`), [id]);
  // Comments reach the read side through events: poll briefly until the new one shows up.
  const refreshSoon = () => {
    const before = JSON.stringify(comments.data?.items ?? []);
    let tries = 0;
    const tick = async () => {
      const page = await api<Page<Comment>>(`/posts/${encodeURIComponent(id)}/comments?limit=100`);
      if (JSON.stringify(page.items) !== before || ++tries > 20) {
        comments.setData(page);
        post.reload();
      } else setTimeout(tick, 300);
    };
    void tick();
  };
  if (post.error) return <ErrorLine error={post.error} />;
  if (!post.data) return <p class="muted">Loading…</p>;
  return (
    <div>
      <h1 class="visually-hidden">Post</h1>
      <PostCard post={post.data} link={false} />
      <section class="card" aria-labelledby="comments-title">
        <h2 id="comments-title">Comments</h2>
        {currentMember() ? <CommentForm postId={id} label="Add a comment" onDone={refreshSoon} /> : <p><a href="/login">Log in</a> to comment.</p>}
        <ErrorLine error={comments.error} />
        <ul class="comments">
          {comments.data?.items.map((c) => <CommentView key={c.id} c={c} postId={id} onChange={refreshSoon} />)}
        </ul>
      </section>
    </div>
  );
}
