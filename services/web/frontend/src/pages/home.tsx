import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, currentMember, Page, upload } from '../api';
import { Post, PostCard } from '../posts';
import { Empty, ErrorLine, Field, Sentinel, usePaged } from '../ui';

type Image = { id: string };

export function Compose({ onPosted }: { onPosted: (p: Post) => void }) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const fileInput = useRef<HTMLInputElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const imageIds: string[] = [];
      for (const f of files) {
        const form = new FormData();
        form.append('file', f);
        setProgress(0);
        imageIds.push((await upload<Image>('/images', form, setProgress)).id);
      }
      const post = await api<Post>('/posts', { method: 'POST', json: imageIds.length ? { text, imageIds } : { text } });
      setText('');
      setFiles([]);
      if (fileInput.current) fileInput.current.value = '';
      onPosted({ ...post, author: post.author ?? currentMember() });
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };
  const fields = error instanceof ApiError ? error.fields() : {};
  return (
    <form class="card compose" onSubmit={submit} aria-label="New post">
      <Field label="What are you listening to?" name="text" multiline value={text} onInput={setText} error={fields.text} maxLength={2000} />
      <div class="row">
        <label class="file">
          <span>Attach images</span>
          <input ref={fileInput} type="file" accept="image/png,image/jpeg" multiple
            onChange={(e) => setFiles([...((e.target as HTMLInputElement).files ?? [])].slice(0, 4))} />
        </label>
        {files.length > 0 && <span class="muted">{files.length} image{files.length > 1 ? 's' : ''}</span>}
        {progress !== null && <progress max={1} value={progress} aria-label="Image upload" />}
        <button type="submit" disabled={!text.trim() || progress !== null}>Post</button>
      </div>
      {Object.entries(fields).filter(([f]) => f !== 'text').map(([f, reason]) => (
        <p class="field-error" data-field={f}>{f === 'file' || f === 'imageIds' ? 'Image: ' : `${f}: `}{reason}</p>
      ))}
      <ErrorLine error={error instanceof ApiError && error.problem.errors?.length ? null : error} />
    </form>
  );
}

export function Home() {
  const feed = usePaged<Post>((cursor) => api<Page<Post>>(`/timeline/home?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), []);
  const [fresh, setFresh] = useState(false);
  const top = feed.items[0]?.id;
  // "New posts": a light poll of the newest id; the list itself never jumps under the reader.
  useEffect(() => {
    const t = setInterval(async () => {
      if (document.hidden) return;
      try {
        const page = await api<Page<Post>>('/timeline/home?limit=1');
        if (page.items[0] && page.items[0].id !== top) setFresh(true);
      } catch { /* next tick */ }
    }, 5000);
    return () => clearInterval(t);
  }, [top]);
  return (
    <div>
      <h1 class="visually-hidden">Home</h1>
      <Compose onPosted={(p) => feed.setItems([p, ...feed.items])} />
      {fresh && (
        <button type="button" class="pill" onClick={() => { setFresh(false); feed.reset(); window.scrollTo(0, 0); }}>
          ↑ New posts
        </button>
      )}
      <section aria-label="Home feed" class="feed">
        {feed.items.map((p) => <PostCard key={p.id} post={p} />)}
        {!feed.loading && feed.done && !feed.items.length && <Empty>Your feed is empty: follow someone or post something.</Empty>}
        <ErrorLine error={feed.error} />
        <Sentinel active={!feed.done && !feed.loading} onVisible={feed.loadMore} />
        {feed.loading && <p class="muted">Loading…</p>}
      </section>
    </div>
  );
}
