import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, currentMember, members, MemberRef, Page } from '../api';
import { ErrorLine, timeAgo } from '../ui';

type Message = { id: string; roomId: string; seq: number; senderId: string; body: string; clientMsgId: string; sentAt: string };
type Room = { id: string; kind: 'direct' | 'group'; name: string | null; memberIds: string[]; lastMessage: Message | null; unreadCount: number };

/**
 * Chat per shared/contracts.md: rooms over HTTP, live messages over one WebSocket opened with a
 * single-use ticket (the token never goes into a URL). Reconnects with back-off, re-subscribes
 * with afterSeq so the server can replay what was missed; a "gap" means page history instead.
 */
class ChatSocket {
  ws: WebSocket | null = null;
  closed = false;
  retry = 0;
  rooms = new Map<string, number>(); // roomId → last seq seen
  pingTimer = 0;
  constructor(readonly onFrame: (f: any) => void, readonly onState: (s: string) => void) {}
  async open() {
    if (this.closed) return;
    try {
      const { ticket } = await api<{ ticket: string }>('/chat/tickets', { method: 'POST' });
      const proto = location.protocol === 'https:' ? 'wss' : 'ws';
      const ws = new WebSocket(`${proto}://${location.host}/ws/chat?ticket=${encodeURIComponent(ticket)}`);
      this.ws = ws;
      ws.onopen = () => {
        this.retry = 0;
        this.onState('online');
        this.rooms.forEach((seq, roomId) => ws.send(JSON.stringify({ type: 'subscribe', roomId, afterSeq: seq })));
        // Proxies drop idle sockets (~40–60 s through the gateway): ping every 20 s.
        this.pingTimer = window.setInterval(() => ws.send('{"type":"ping"}'), 20_000);
      };
      ws.onmessage = (e) => { try { this.onFrame(JSON.parse(e.data)); } catch { /* ignore non-JSON */ } };
      ws.onclose = (e) => {
        clearInterval(this.pingTimer);
        this.onState(e.code === 4403 ? 'forbidden' : 'reconnecting');
        this.reconnect();
      };
    } catch {
      this.onState('reconnecting');
      this.reconnect();
    }
  }
  reconnect() {
    if (this.closed) return;
    const wait = Math.min(30_000, 500 * 2 ** this.retry++) * (0.5 + Math.random() / 2);
    setTimeout(() => this.open(), wait);
  }
  send(frame: object) {
    if (this.ws?.readyState === WebSocket.OPEN) { this.ws.send(JSON.stringify(frame)); return true; }
    return false;
  }
  subscribe(roomId: string, afterSeq: number) {
    this.rooms.set(roomId, afterSeq);
    this.send({ type: 'subscribe', roomId, afterSeq });
  }
  close() { this.closed = true; clearInterval(this.pingTimer); this.ws?.close(1000); }
}

export function Chat() {
  const [status, setStatus] = useState<'loading' | 'unavailable' | 'ready'>('loading');
  const [rooms, setRooms] = useState<Room[]>([]);
  const [names, setNames] = useState(new Map<string, MemberRef>());
  const [roomId, setRoomId] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [online, setOnline] = useState(new Set<string>());
  const [link, setLink] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const [newWith, setNewWith] = useState('');
  const sock = useRef<ChatSocket | null>(null);
  const roomRef = useRef<string | null>(null);
  roomRef.current = roomId;
  const me = currentMember();

  const loadRooms = async () => {
    const page = await api<Page<Room>>('/chat/rooms');
    setRooms(page.items);
    setNames(new Map(await members(page.items.flatMap((r) => r.memberIds))));
    return page.items;
  };

  useEffect(() => {
    let live = true;
    loadRooms().then(() => {
      if (!live) return;
      setStatus('ready');
      sock.current = new ChatSocket((f) => {
        if (f.type === 'message') {
          sock.current?.rooms.set(f.roomId, f.seq);
          if (f.roomId === roomRef.current) {
            setMessages((old) => (old.some((m) => m.id === f.id || (m.clientMsgId === f.clientMsgId && m.senderId === f.senderId)) ? old.map((m) => (m.clientMsgId === f.clientMsgId ? f : m)) : [...old, f]));
            sock.current?.send({ type: 'read', roomId: f.roomId, seq: f.seq });
          } else {
            setRooms((rs) => rs.map((r) => (r.id === f.roomId ? { ...r, unreadCount: r.unreadCount + 1, lastMessage: f } : r)));
          }
        } else if (f.type === 'ack') {
          setMessages((old) => old.map((m) => (m.clientMsgId === f.clientMsgId ? { ...m, id: f.id, seq: f.seq } : m)));
        } else if (f.type === 'presence' && f.roomId === roomRef.current) {
          setOnline((s) => { const n = new Set(s); f.online ? n.add(f.memberId) : n.delete(f.memberId); return n; });
        } else if (f.type === 'gap' && f.roomId === roomRef.current) {
          void openRoom(f.roomId);
        } else if (f.type === 'error') {
          setError(new Error(f.message ?? f.code));
        }
      }, setLink);
      rooms.forEach((r) => sock.current!.rooms.set(r.id, r.lastMessage?.seq ?? 0));
      void sock.current.open();
    }, (e) => {
      // Until the chat service is deployed the gateway answers 503 (or the call fails outright).
      if (live) setStatus(e instanceof ApiError && e.status !== 503 && e.status !== 502 && e.status !== 504 && e.status !== 404 ? 'ready' : 'unavailable');
      if (live && e instanceof ApiError && e.status < 500 && e.status !== 404) setError(e);
    });
    return () => { live = false; sock.current?.close(); };
  }, []);

  const openRoom = async (id: string) => {
    setRoomId(id);
    const [page, presence] = await Promise.all([
      api<Page<Message>>(`/chat/rooms/${id}/messages?limit=50`),
      api<{ online: string[] }>(`/chat/rooms/${id}/presence`).catch(() => ({ online: [] })),
    ]);
    const list = [...page.items].reverse();
    setMessages(list);
    setOnline(new Set(presence.online));
    const last = list[list.length - 1]?.seq ?? 0;
    sock.current?.subscribe(id, last);
    if (last) void api(`/chat/rooms/${id}/read`, { method: 'POST', json: { seq: last } }).catch(() => undefined);
    setRooms((rs) => rs.map((r) => (r.id === id ? { ...r, unreadCount: 0 } : r)));
  };

  const send = (e: Event) => {
    e.preventDefault();
    if (!roomId || !text.trim() || !me) return;
    const clientMsgId = crypto.randomUUID();
    if (!sock.current?.send({ type: 'send', roomId, clientMsgId, body: text })) { setError(new Error('Not connected; try again in a moment.')); return; }
    setMessages((m) => [...m, { id: '', roomId, seq: 0, senderId: me.id, body: text, clientMsgId, sentAt: new Date().toISOString() }]);
    setText('');
  };

  const startDirect = async (e: Event) => {
    e.preventDefault();
    try {
      const other = await api<MemberRef>(`/members/@${encodeURIComponent(newWith.replace(/^@/, ''))}`);
      const room = await api<Room>('/chat/rooms', { method: 'POST', json: { kind: 'direct', memberIds: [other.id] } });
      await loadRooms();
      setNewWith('');
      void openRoom(room.id);
    } catch (err) { setError(err); }
  };

  if (status === 'loading') return <p class="muted">Loading chat…</p>;
  if (status === 'unavailable') {
    return <section class="card" role="status"><h1>Chat</h1><p data-testid="chat-unavailable">Chat is unavailable right now. Everything else works; try again later.</p></section>;
  }
  const label = (r: Room) => r.name ?? r.memberIds.filter((id) => id !== me?.id).map((id) => names.get(id)?.displayName ?? 'member').join(', ');
  const room = rooms.find((r) => r.id === roomId);
  return (
    <div class="chat">
      <h1>Chat <span class="muted small">{link}</span></h1>
      <ErrorLine error={error} />
      <div class="chat-grid">
        <nav aria-label="Rooms" class="card rooms">
          <form onSubmit={startDirect} class="row">
            <label class="visually-hidden" for="chat-with">Message a member by handle</label>
            <input id="chat-with" placeholder="@handle" value={newWith} onInput={(e) => setNewWith((e.target as HTMLInputElement).value)} />
            <button type="submit" disabled={!newWith.trim()}>Start</button>
          </form>
          <ul>
            {rooms.map((r) => (
              <li><button type="button" class={`room ${r.id === roomId ? 'on' : ''}`} onClick={() => openRoom(r.id)} aria-current={r.id === roomId}>
                {label(r)} {r.unreadCount > 0 && <span class="badge" aria-label={`${r.unreadCount} unread`}>{r.unreadCount}</span>}
              </button></li>
            ))}
          </ul>
        </nav>
        {room && (
          <section class="card room-view" aria-label={`Room ${label(room)}`}>
            <p class="presence">{room.memberIds.map((id) => {
              // I am present whenever my own socket is up, whatever the last presence frame said.
              const on = online.has(id) || (id === me?.id && link === 'online');
              return <span><span class={`dot ${on ? 'on' : ''}`} aria-hidden="true" />{names.get(id)?.displayName ?? 'member'}<span class="visually-hidden">{on ? ' online' : ' offline'}</span> </span>;
            })}</p>
            <ol class="messages" aria-live="polite">
              {messages.map((m) => (
                <li class={m.senderId === me?.id ? 'mine' : ''}><strong>{names.get(m.senderId)?.displayName ?? 'member'}</strong> {m.body}
                  <span class="when">{m.seq ? timeAgo(m.sentAt) : 'sending…'}</span></li>
              ))}
            </ol>
            <form onSubmit={send} class="row">
              <label for="chat-text" class="visually-hidden">Message</label>
              <input id="chat-text" value={text} maxLength={4000} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
              <button type="submit" disabled={!text.trim()}>Send</button>
            </form>
          </section>
        )}
      </div>
    </div>
  );
}
