// Browser scenarios against the whole stack behind the gateway, in Debian's Chromium driven by
// playwright-core (no browser download). Run by services/e2e WebUiIntegrationTests:
//   BASE_URL=http://127.0.0.1:<gateway> CHROMIUM=/usr/bin/chromium SCREENSHOTS=<dir> node --test ui-tests/
// The scenarios share one story (two members, one artist) and run in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { png, wav } from './media.mjs';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const SHOTS = process.env.SCREENSHOTS ?? 'target/ui-screenshots';
// The stack under test issues short-lived access tokens (see WebUiIntegrationTests).
const TOKEN_TTL_MS = Number(process.env.ACCESS_TOKEN_TTL_MS ?? 20_000);
mkdirSync(SHOTS, { recursive: true });

const run = Date.now().toString(36);
const ada = { email: `ada-${run}@example.org`, password: 'Correct-horse-9', handle: `ada_${run}`, displayName: 'Ada Lovelace' };
const bob = { email: `bob-${run}@example.org`, password: 'Correct-horse-9', handle: `bob_${run}`, displayName: 'Bob Moog' };
const artistName = `Zephyrine ${run}`;
const trackTitle = `Morning Sine ${run}`;
const secondTitle = `Evening Square ${run}`;

let browser, adaCtx, bobCtx, A, B;
let postText, trackId;
const cspViolations = [];

async function shot(page, name) {
  // What a person would see: images loaded.
  await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 5_000 }).catch(() => {});
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Records the API answers a page gets, to assert on the wire as well as on screen. */
function wire(page) {
  const seen = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) {
      seen.push({ method: r.request().method(), path: url.pathname, status: r.status(), headers: r.headers() });
    }
  });
  return seen;
}

async function newPage(ctx) {
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));
  return page;
}

async function signup(page, who) {
  await page.goto(BASE + '/signup');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByLabel('Handle').fill(who.handle);
  await page.getByLabel('Display name').fill(who.displayName);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByTestId('me').filter({ hasText: '@' + who.handle }).waitFor();
}

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-dev-shm-usage'],
  });
  adaCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  bobCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  A = await newPage(adaCtx);
  B = await newPage(bobCtx);
});

after(async () => {
  await browser?.close();
});

test('signup shows problem+json field errors next to their fields', async () => {
  const page = await A.goto(BASE + '/signup');
  assert.match(page.headers()['content-security-policy'], /script-src 'self'; style-src 'self'/, 'the page comes with its strict CSP');
  assert.equal(page.headers()['cache-control'], 'no-cache');
  await A.getByLabel('Email').fill('not-an-email');
  await A.getByLabel('Password').fill('x');
  await A.getByLabel('Handle').fill('h');
  await A.getByRole('button', { name: 'Sign up' }).click();
  const emailError = A.locator('#f-email-error');
  await emailError.waitFor();
  assert.match(await emailError.textContent(), /email/i);
  assert.equal(await A.getByLabel('Email').getAttribute('aria-invalid'), 'true');
  await shot(A, '01-signup-field-errors');
});

test('sign up, log out, log in, compose: the post reaches a follower\'s feed (second context)', async () => {
  await signup(A, ada);
  await A.getByRole('button', { name: 'Log out' }).click();
  await A.waitForURL(/\/login/);
  await A.getByLabel('Email').fill(ada.email);
  await A.getByLabel('Password').fill(ada.password);
  await A.getByRole('button', { name: 'Log in' }).click();
  await A.getByTestId('me').waitFor();

  await signup(B, bob);
  await B.goto(`${BASE}/@${ada.handle}`);
  await B.getByRole('button', { name: `Follow ${ada.displayName}` }).click();
  await B.getByRole('button', { name: `Unfollow ${ada.displayName}` }).waitFor();
  await B.goto(BASE + '/');
  await B.getByRole('region', { name: 'Home feed' }).waitFor();

  postText = `First light on the modular, ${run}`;
  await A.goto(BASE + '/');
  await A.getByLabel('What are you listening to?').fill(postText);
  await A.getByLabel('Attach images').setInputFiles({ name: 'patch.png', mimeType: 'image/png', buffer: png(96) });
  await A.getByRole('button', { name: 'Post' }).click();
  await A.locator('article.post', { hasText: postText }).waitFor();
  assert.equal(await A.getByLabel('What are you listening to?').inputValue(), '', 'the composer is cleared');
  await A.locator('article.post', { hasText: postText }).locator('img').waitFor();
  await shot(A, '02-compose-author');

  // Bob's open feed learns of it through the "new posts" pill, without jumping by itself.
  const pill = B.getByRole('button', { name: /New posts/ });
  await pill.waitFor({ timeout: 30_000 });
  await shot(B, '02-follower-new-posts-pill');
  await pill.click();
  await B.locator('article.post', { hasText: postText }).waitFor();
  await shot(B, '02-follower-feed');
});

test('like and comment, then a reply', async () => {
  await B.locator('article.post', { hasText: postText }).getByRole('link', { name: /comments/ }).click();
  await B.waitForURL(/\/posts\//);
  const like = B.getByRole('button', { name: 'Like post' });
  await like.click();
  await B.getByRole('button', { name: 'Unlike post' }).waitFor();
  assert.equal(await B.getByRole('button', { name: 'Unlike post' }).locator('.count').textContent(), '1');
  await B.getByLabel('Add a comment').fill('That filter sweep!');
  await B.getByRole('button', { name: 'Comment', exact: true }).click();
  const comment = B.locator('li.comment', { hasText: 'That filter sweep!' });
  await comment.waitFor();
  await comment.getByRole('button', { name: 'Like comment' }).click();
  await comment.getByRole('button', { name: 'Unlike comment' }).waitFor();

  // Ada answers on the same post: a reply nests under Bob's comment.
  await A.goto(B.url());
  const hers = A.locator('li.comment', { hasText: 'That filter sweep!' }).first();
  await hers.getByRole('button', { name: 'Reply' }).click();
  await A.getByLabel(`Reply to ${bob.displayName}`).fill('Thanks, Bob');
  await A.getByRole('button', { name: 'Reply', exact: true }).last().click();
  await A.locator('ul.replies li.comment', { hasText: 'Thanks, Bob' }).waitFor();
  // The post's counters come from the read side: it shows the like and both comments.
  await A.waitForFunction(() => document.querySelector('article.post .comments')?.textContent?.includes('2'), null, { timeout: 15_000 }).catch(() => {});
  await shot(A, '03-post-detail-comments');
  await shot(B, '03-post-detail-liked');
});

test('follow from a profile: the count and the followers list change', async () => {
  await A.goto(`${BASE}/@${bob.handle}`);
  const before = Number(await A.getByTestId('follower-count').textContent());
  await A.getByRole('button', { name: `Follow ${bob.displayName}` }).click();
  await A.getByRole('button', { name: `Unfollow ${bob.displayName}` }).waitFor();
  assert.equal(Number(await A.getByTestId('follower-count').textContent()), before + 1);
  await A.reload();
  await A.getByRole('tab', { name: 'Followers' }).click();
  await A.locator('ul.members').getByRole('link', { name: ada.displayName }).waitFor();
  assert.equal(await A.getByRole('button', { name: `Unfollow ${bob.displayName}` }).count(), 1, 'still following after a reload');
  await shot(A, '04-profile-followed');
});

test('upload a generated WAV with a progress bar, play it, seek to the middle and the position holds (206)', async () => {
  const seen = wire(A);
  await A.goto(BASE + '/artists');
  await A.getByLabel('Artist name').fill(artistName);
  await A.getByRole('button', { name: 'Create artist' }).click();
  await A.getByRole('heading', { name: artistName }).waitFor();
  await A.getByRole('link', { name: 'Upload a track' }).click();
  await A.getByLabel('Title').fill(trackTitle);
  await A.getByLabel(/Audio file/).setInputFiles({ name: 'sine.wav', mimeType: 'audio/wav', buffer: wav(8) });
  await A.getByLabel(/Cover/).setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: png(128, [200, 60, 90]) });
  await A.getByRole('button', { name: 'Upload' }).click();
  await A.getByLabel('Upload progress').waitFor();
  await A.getByRole('status').filter({ hasText: 'Uploaded' }).waitFor({ timeout: 60_000 });
  assert.equal(await A.getByTestId('upload-percent').textContent(), '100%');
  assert.equal(await A.getByLabel('Upload progress').evaluate((p) => p.value), 1);
  trackId = (await A.getByRole('status').getByRole('link').getAttribute('href')).split('/').pop();
  await shot(A, '05-upload-done');

  // Synced lyrics, written as LRC by the owner on the track page.
  await A.getByRole('status').getByRole('link', { name: trackTitle }).click();
  await A.getByRole('heading', { name: trackTitle }).waitFor();
  await A.getByLabel(/Lyrics \(LRC/).fill('[00:00.00] Low hum rising\n[00:03.50] The sine at its peak\n[00:06.50] Fading out');
  await A.getByRole('button', { name: 'Save lyrics' }).click();
  await A.locator('ol.lyrics li', { hasText: 'The sine at its peak' }).waitFor();

  await A.getByRole('button', { name: '▶ Play' }).click();
  await A.getByTestId('player-title').filter({ hasText: trackTitle }).waitFor();
  await A.getByTestId('lyric').filter({ hasText: 'Low hum rising' }).waitFor();
  await A.waitForFunction(() => document.querySelector('audio').currentTime > 0.3, null, { timeout: 15_000 });
  const duration = await A.evaluate(() => document.querySelector('audio').duration);
  assert.ok(duration > 7 && duration < 9, `duration ${duration}`);
  // Seek through the player's own control, as a person dragging it would.
  await A.getByLabel('Seek').evaluate((el, to) => {
    el.value = String(to);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, duration / 2);
  await A.waitForTimeout(1200);
  const t = await A.evaluate(() => document.querySelector('audio').currentTime);
  assert.ok(t >= duration / 2 - 0.2, `position held after the seek: ${t}`);
  assert.ok(seen.some((r) => r.path.endsWith(`/tracks/${trackId}/stream`) && r.status === 206), 'the stream answered 206 to a Range request');
  assert.equal(await A.getByTestId('lyric').textContent(), 'The sine at its peak', 'the lyric line follows the position');
  await shot(A, '05-player-after-seek');

  // Listening to the end reports the play (more than half of the track was heard).
  const played = A.waitForResponse((r) => r.url().endsWith(`/api/tracks/${trackId}/plays`), { timeout: 20_000 });
  const report = await (await played).json();
  assert.equal(report.counted, true, JSON.stringify(report));
});

test('the daily chart shows the played track, NEW, with its cover', async () => {
  // In-app navigation keeps the player bar (and its <audio>) alive.
  await A.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Charts' }).click();
  await A.getByRole('heading', { name: 'Charts' }).waitFor();
  await A.getByTestId('player-title').filter({ hasText: trackTitle }).waitFor();
  assert.match(await A.evaluate(() => document.querySelector('audio').currentSrc), new RegExp(`/api/tracks/${trackId}/stream$`));
  const row = A.locator('table.chart tr', { hasText: trackTitle });
  for (let i = 0; i < 20 && !(await row.count()); i++) {
    await A.waitForTimeout(500);
    await A.getByRole('tab', { name: 'Weekly' }).click();
    await A.getByRole('tab', { name: 'Daily' }).click();
  }
  await row.waitFor();
  assert.equal(await row.locator('.delta').textContent(), 'NEW');
  assert.equal(await row.locator('.plays').textContent(), '1');
  assert.equal(await row.locator('img.cover').count(), 1);
  await shot(A, '06-daily-chart');
  // The period picker is a keyboard tab list; the page has its own title.
  assert.equal(await A.title(), 'Charts · Chorus');
  await A.getByRole('tab', { name: 'Daily' }).focus();
  await A.keyboard.press('ArrowRight');
  await A.getByRole('tab', { name: 'Weekly', selected: true }).waitFor();
  assert.equal(await A.evaluate(() => document.activeElement?.textContent), 'Weekly');
  await A.locator('table.chart tr', { hasText: trackTitle }).waitFor();
  await A.goto(BASE + '/recent');
  await A.locator('li.track', { hasText: trackTitle }).waitFor();
  await shot(A, '06-recently-played');
});

test('search autocomplete suggests artists and tracks; the keyboard picks one', async () => {
  await B.goto(BASE + '/search');
  const box = B.getByRole('combobox', { name: /Search/ });
  const suggest = async (prefix, name) => {
    const option = B.getByRole('option', { name });
    await box.fill(prefix);
    await B.waitForTimeout(400);
    for (let i = 0; i < 30 && !(await option.count()); i++) { // search indexes from events
      await box.fill('');
      await box.fill(prefix);
      await B.waitForTimeout(500);
    }
    await option.waitFor();
  };
  await suggest(artistName.slice(0, 5), new RegExp(`^artist ${artistName}`));
  await shot(B, '07-search-autocomplete-artist');
  await suggest(trackTitle.slice(0, 6), new RegExp(`^track ${trackTitle}`));
  await shot(B, '07-search-autocomplete-track');
  assert.equal(await box.inputValue(), trackTitle.slice(0, 6));
  await box.press('ArrowDown');
  await B.getByRole('option', { selected: true, name: new RegExp(`^track ${trackTitle}`) }).waitFor();
  await box.press('Enter');
  await B.waitForURL(/\/tracks\//);
  await B.getByRole('heading', { name: trackTitle }).waitFor();
  await shot(B, '07-search-picked-track');
  // The full search lists the post too.
  await B.goto(`${BASE}/search?q=${encodeURIComponent('modular ' + run)}`);
  await B.locator('ul.results li', { hasText: postText }).waitFor();
});

test('a playlist reorder survives a reload', async () => {
  // A second track, so there is an order to change.
  await A.goto(BASE + '/upload');
  await A.getByLabel('Title').fill(secondTitle);
  await A.getByLabel(/Audio file/).setInputFiles({ name: 'two.wav', mimeType: 'audio/wav', buffer: wav(3, 8000, 220) });
  await A.getByRole('button', { name: 'Upload' }).click();
  await A.getByRole('status').filter({ hasText: 'Uploaded' }).waitFor({ timeout: 60_000 });

  await A.goto(BASE + '/playlists');
  await A.getByLabel('Playlist name').fill('Sines');
  await A.getByRole('button', { name: 'Create playlist' }).click();
  await A.getByRole('heading', { name: 'Sines' }).waitFor();
  const playlistUrl = A.url();
  await A.goto(BASE + '/artists');
  await A.getByRole('link', { name: artistName }).click();
  for (const title of [trackTitle, secondTitle]) {
    const row = A.locator('li.track', { hasText: title });
    await row.getByLabel(`Add ${title} to a playlist`).selectOption({ label: 'Sines' });
    await row.getByRole('status').filter({ hasText: 'Added' }).waitFor();
  }
  await A.goto(playlistUrl);
  const titles = () => A.locator('ol.playlist li.entry .title').allTextContents();
  await A.locator('ol.playlist li.entry').nth(1).waitFor();
  assert.deepEqual(await titles(), [trackTitle, secondTitle]);
  // Drag the second entry onto the first.
  await A.locator('ol.playlist li.entry').nth(1).dragTo(A.locator('ol.playlist li.entry').nth(0));
  await A.waitForFunction((first) => document.querySelector('ol.playlist li.entry .title')?.textContent === first, secondTitle);
  await A.waitForTimeout(500);
  await A.reload();
  await A.locator('ol.playlist li.entry').nth(1).waitFor();
  assert.deepEqual(await titles(), [secondTitle, trackTitle]);
  // And back with the keyboard-reachable buttons.
  await A.getByRole('button', { name: `Move ${trackTitle} up` }).click();
  await A.waitForTimeout(500);
  await A.reload();
  await A.locator('ol.playlist li.entry').nth(1).waitFor();
  assert.deepEqual(await titles(), [trackTitle, secondTitle]);
  await shot(A, '08-playlist-reordered');
});

test('notifications and "what my follows did"', async () => {
  await A.goto(BASE + '/activity');
  const list = A.locator('ul.activity');
  await list.locator('li[data-kind="FOLLOWED"]').first().waitFor({ timeout: 20_000 });
  await list.locator('li[data-kind="POST_LIKED"]').first().waitFor({ timeout: 20_000 });
  await shot(A, '09-notifications');
  await B.goto(BASE + '/activity');
  await B.getByRole('tab', { name: 'What my follows did' }).click();
  await B.locator('ul.activity li[data-kind="POSTED"]').first().waitFor({ timeout: 20_000 });
  await shot(B, '09-following-activity');
});

test('an expired access token is refreshed without the user noticing', async () => {
  const seen = wire(B);
  await B.goto(BASE + '/');
  await B.locator('article.post', { hasText: postText }).waitFor();
  // Let the in-memory access token expire while the page sits open.
  await B.waitForTimeout(TOKEN_TTL_MS + 2_000);
  await B.getByRole('link', { name: 'Activity' }).click();
  await B.locator('ul.activity li').first().waitFor();
  assert.ok(!B.url().includes('/login'), 'no detour through the login page');
  assert.equal(await B.getByRole('alert').count(), 0, 'no error shown');
  const expired = seen.findIndex((r) => r.status === 401 && r.headers['x-token-refresh-needed'] === 'true');
  assert.ok(expired >= 0, 'the gateway said the token expired: ' + JSON.stringify(seen.map((r) => `${r.method} ${r.path} ${r.status}`)));
  const refreshed = seen.findIndex((r, i) => i > expired && r.path === '/api/auth/refresh' && r.status === 200);
  assert.ok(refreshed > expired, 'one refresh followed');
  assert.ok(seen.some((r, i) => i > refreshed && r.path.startsWith('/api/activity/') && r.status === 200), 'the request was retried');
  await shot(B, '10-after-silent-refresh');
});

test('chat says it is unavailable while the chat service is not deployed', async () => {
  await B.goto(BASE + '/chat');
  await B.getByTestId('chat-unavailable').waitFor();
  await shot(B, '11-chat-unavailable');
});

test('chat page against a contract-shaped stub: unread counts, presence, live messages, ticket-only socket', async () => {
  // The chat service is not on this branch: its HTTP and WebSocket answers are stubbed here exactly
  // as shared/contracts.md ("Chat") shapes them; members and the session are real.
  const C = await newPage(bobCtx);
  await C.goto(BASE + '/search');
  const ids = await C.evaluate(async (handles) => Promise.all(handles.map(async (h) =>
    (await (await fetch(`/api/members/@${h}`)).json()).id)), [ada.handle, bob.handle]);
  const [adaId, bobId] = ids;
  const sentAt = new Date().toISOString();
  const json = (route, body, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  const reads = [];
  await C.route(/\/api\/chat\//, (route) => {
    const url = new URL(route.request().url());
    const method = route.request().method();
    if (url.pathname === '/api/chat/rooms') return json(route, { items: [{ id: 'r1', kind: 'direct', name: null, memberIds: [bobId, adaId], lastMessage: null, unreadCount: 2 }], nextCursor: null });
    if (url.pathname === '/api/chat/tickets' && method === 'POST') return json(route, { ticket: 'tkt-1', expiresIn: 30 });
    if (url.pathname === '/api/chat/rooms/r1/messages') return json(route, { items: [{ id: 'm1', roomId: 'r1', seq: 1, senderId: adaId, body: 'hello from the stub', clientMsgId: 'c-1', sentAt }], nextCursor: null });
    if (url.pathname === '/api/chat/rooms/r1/presence') return json(route, { online: [adaId] });
    if (url.pathname === '/api/chat/rooms/r1/read') { reads.push(route.request().postDataJSON()); return route.fulfill({ status: 204 }); }
    return json(route, { status: 404, title: 'Not Found' }, 404);
  });
  const frames = [];
  let socketUrl = '';
  await C.routeWebSocket(/\/ws\/chat/, (ws) => {
    socketUrl = ws.url();
    ws.onMessage((raw) => {
      const f = JSON.parse(raw);
      frames.push(f);
      if (f.type === 'send') {
        ws.send(JSON.stringify({ type: 'ack', clientMsgId: f.clientMsgId, roomId: f.roomId, seq: 2, id: 'm2' }));
        ws.send(JSON.stringify({ type: 'message', id: 'm2', roomId: f.roomId, seq: 2, senderId: bobId, body: f.body, clientMsgId: f.clientMsgId, sentAt: new Date().toISOString() }));
        setTimeout(() => ws.send(JSON.stringify({ type: 'message', id: 'm3', roomId: 'r1', seq: 3, senderId: adaId, body: 'live reply', clientMsgId: 'c-3', sentAt: new Date().toISOString() })), 200);
      }
    });
  });
  await C.goto(BASE + '/chat');
  const room = C.getByRole('button', { name: new RegExp(ada.displayName) });
  await room.getByLabel('2 unread').waitFor();
  await room.click();
  await C.locator('ol.messages li', { hasText: 'hello from the stub' }).waitFor();
  assert.equal(await room.getByLabel('2 unread').count(), 0, 'opening the room clears its unread count');
  assert.ok(await C.locator('.presence .dot.on').count() >= 1, 'the online member has a lit presence dot');
  await C.getByLabel('Message', { exact: true }).fill('hi Ada');
  await C.getByRole('button', { name: 'Send' }).click();
  await C.locator('ol.messages li.mine', { hasText: 'hi Ada' }).waitFor();
  await C.locator('ol.messages li', { hasText: 'live reply' }).waitFor();
  assert.equal(await C.locator('ol.messages li', { hasText: 'hi Ada' }).count(), 1, 'the echo of my own message is not duplicated');
  assert.equal(await C.getByText('sending…').count(), 0, 'the ack confirmed the send');
  assert.match(socketUrl, /\/ws\/chat\?ticket=tkt-1$/, 'the socket carries the single-use ticket, never the token');
  assert.ok(frames.some((f) => f.type === 'subscribe' && f.roomId === 'r1'), JSON.stringify(frames));
  assert.ok(frames.some((f) => f.type === 'send' && f.body === 'hi Ada' && f.clientMsgId), JSON.stringify(frames));
  assert.ok(frames.some((f) => f.type === 'read' && f.roomId === 'r1' && f.seq === 3), 'a live message in the open room is marked read');
  assert.deepEqual(reads, [{ seq: 1 }]);
  await shot(C, '11-chat-against-stub');
  await C.close();
});

test.skip('two browser contexts chat live (needs the chat service, not on this branch yet)', () => {});

test('works at 360 px: no sideways scrolling, the player bar and nav stay usable', async () => {
  // The same page (one refresh-token holder per context: two pages refreshing at once would
  // present a rotated token and, by design, end the session).
  await A.setViewportSize({ width: 360, height: 740 });
  for (const [name, path] of [['home', '/'], ['charts', '/charts'], ['profile', `/@${bob.handle}`], ['track', `/tracks/${trackId}`]]) {
    await A.goto(BASE + path);
    await A.getByRole('heading').first().waitFor();
    await A.waitForTimeout(300);
    const overflow = await A.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const culprits = await A.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
    await shot(A, `12-narrow-${name}`);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px: ${culprits.join(', ')}`);
  }
  await A.goto(BASE + '/');
  await A.locator('article.post').first().waitFor();
  // Keyboard: the skip link is the first stop.
  await A.keyboard.press('Tab');
  assert.equal(await A.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await A.setViewportSize({ width: 1100, height: 800 });
});

test('logout returns to login; a page of the ended session follows on X-Relogin-Required', async () => {
  // Two pages of Bob's: the first sits on the feed, the second logs out.
  const seen = wire(B);
  await B.goto(BASE + '/');
  await B.locator('article.post').first().waitFor();
  const B2 = await newPage(bobCtx);
  await B2.goto(BASE + '/activity');
  await B2.getByRole('heading', { name: 'Activity' }).waitFor();
  await B2.getByRole('button', { name: 'Log out' }).click();
  await B2.waitForURL(/\/login/);
  await B2.goto(BASE + '/activity');
  await B2.waitForURL(/\/login\?next=%2Factivity/);
  await B2.getByRole('heading', { name: 'Log in' }).waitFor();
  await shot(B2, '13-logged-out');
  // The first page's access token expires; its refresh is refused (the family was revoked with
  // X-Relogin-Required) and it goes to the login page by itself.
  await B.waitForURL(/\/login/, { timeout: TOKEN_TTL_MS + 15_000 });
  assert.ok(seen.some((r) => r.path === '/api/auth/refresh' && r.status === 401 && r.headers['x-relogin-required'] === 'true'),
    JSON.stringify(seen.map((r) => `${r.method} ${r.path} ${r.status}`)));
  await B.getByRole('heading', { name: 'Log in' }).waitFor();
  await shot(B, '13-ended-session-to-login');
  await B2.close();
});

test('no Content-Security-Policy violation in any scenario', () => {
  assert.deepEqual(cspViolations, []);
});
