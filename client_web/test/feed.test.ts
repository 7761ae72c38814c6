import { describe, it, expect, beforeEach } from 'vitest';
import { FeedClient, feedUrl, type FeedEvent, type FeedState, type SocketLike } from '../src/feed';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: unknown[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string) { this.sent.push(JSON.parse(data)); }
  close() { this.closed = true; }
  // server side
  open() { this.onopen?.({}); }
  push(msg: unknown) { this.onmessage?.({ data: JSON.stringify(msg) }); }
  hello(head: number) { this.push({ type: 'hello', user: { id: 'u1' }, head_seq: head }); }
  event(seq: number, stream = 'project-1') { this.push({ type: 'event', seq, event: { seq, stream, type: 'ProjectUpdated', data: {} } }); }
  drop(code = 1006) { this.onclose?.({ code }); }
}

interface Harness {
  sockets: FakeSocket[];
  timers: { fn: () => void; ms: number }[];
  events: FeedEvent[];
  states: FeedState[];
  client: FeedClient;
  fire(): void;
}

function harness(initialSeq: number | null = null): Harness {
  const hs: Harness = {
    sockets: [], timers: [], events: [], states: [], client: null as unknown as FeedClient,
    fire() { const t = hs.timers.shift(); if (!t) throw new Error('no timer'); t.fn(); },
  };
  hs.client = new FeedClient({
    url: 'ws://x/api/feed',
    initialSeq,
    createSocket: (url) => { const s = new FakeSocket(url); hs.sockets.push(s); return s; },
    setTimer: (fn, ms) => { const t = { fn, ms }; hs.timers.push(t); return t; },
    clearTimer: (h) => { hs.timers = hs.timers.filter((t) => t !== h); },
    random: () => 0.5,
  }, {
    onEvent: (e) => hs.events.push(e),
    onState: (s) => hs.states.push(s),
  });
  return hs;
}

describe('FeedClient', () => {
  let hs: Harness;
  beforeEach(() => { hs = harness(); hs.client.start(); });

  it('subscribes after hello from the head on a first connection', () => {
    const s = hs.sockets[0]!;
    expect(s.url).toBe('ws://x/api/feed');
    s.open();
    s.hello(41);
    expect(s.sent).toEqual([{ type: 'subscribe', after_seq: 41 }]);
    expect(hs.client.state).toBe('connected');
    s.event(42);
    expect(hs.events.map((e) => e.seq)).toEqual([42]);
    expect(hs.client.seq).toBe(42);
  });

  it('resumes after the last processed seq, drops duplicates, misses nothing', () => {
    const s1 = hs.sockets[0]!;
    s1.hello(10);
    s1.event(11); s1.event(12); s1.event(13);
    s1.drop(1013);
    expect(hs.client.state).toBe('reconnecting');
    hs.fire();
    const s2 = hs.sockets[1]!;
    s2.hello(20);
    expect(s2.sent).toEqual([{ type: 'subscribe', after_seq: 13 }]);
    // the server's backlog may overlap what we saw
    s2.event(12); s2.event(13); s2.event(14); s2.event(15);
    s2.push({ type: 'caught_up', seq: 15 });
    s2.event(15); s2.event(16);
    expect(hs.events.map((e) => e.seq)).toEqual([11, 12, 13, 14, 15, 16]);
  });

  it('starts from a seq the page already reflects', () => {
    const h2 = harness(7);
    h2.client.start();
    h2.sockets[0]!.hello(100);
    expect(h2.sockets[0]!.sent).toEqual([{ type: 'subscribe', after_seq: 7 }]);
  });

  it('backs off exponentially and says offline after repeated failures, then recovers', () => {
    hs.sockets[0]!.drop();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      delays.push(hs.timers[0]!.ms);
      hs.fire();
      hs.sockets.at(-1)!.drop();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000]);
    expect(hs.client.state).toBe('offline');
    hs.fire();
    hs.sockets.at(-1)!.hello(5);
    expect(hs.client.state).toBe('connected');
    hs.sockets.at(-1)!.drop();
    expect(hs.timers[0]!.ms).toBe(500); // reset after a successful connection
    expect(hs.states).toContain('reconnecting');
  });

  it('reports each failure with its count', () => {
    const counts: number[] = [];
    const h4 = harness();
    const c = new FeedClient({ url: '', createSocket: (u) => { const s = new FakeSocket(u); h4.sockets.push(s); return s; }, setTimer: (fn, ms) => { h4.timers.push({ fn, ms }); return 0; }, clearTimer: () => {} }, { onFailure: (n) => counts.push(n) });
    c.start();
    h4.sockets[0]!.drop(); h4.fire(); h4.sockets[1]!.drop();
    expect(counts).toEqual([1, 2]);
  });

  it('jitters the delay within ±20 %', () => {
    const c = new FeedClient({ url: '', createSocket: () => new FakeSocket(''), random: () => 0 });
    const d = new FeedClient({ url: '', createSocket: () => new FakeSocket(''), random: () => 1 });
    expect(c.backoffDelay(3)).toBe(1600);
    expect(d.backoffDelay(3)).toBe(2400);
  });

  it('delivers each reminder once, even when re-sent after a reconnect', () => {
    const got: string[] = [];
    const h3 = harness();
    const c = new FeedClient({ url: '', createSocket: (u) => { const s = new FakeSocket(u); h3.sockets.push(s); return s; }, setTimer: (fn, ms) => { h3.timers.push({ fn, ms }); return 0; }, clearTimer: () => {} }, { onReminder: (r) => got.push(`${r.id}:${r.state}`) });
    c.start();
    const r = { type: 'reminder', reminder: { id: 'r1', kind: 'project_stale_2w', state: 'open' } };
    h3.sockets[0]!.hello(0);
    h3.sockets[0]!.push(r); h3.sockets[0]!.push(r);
    h3.sockets[0]!.drop();
    h3.fire();
    h3.sockets[1]!.hello(0);
    h3.sockets[1]!.push(r);
    h3.sockets[1]!.push({ type: 'reminder', reminder: { id: 'r1', kind: 'project_stale_2w', state: 'acked' } });
    expect(got).toEqual(['r1:open', 'r1:acked']);
  });

  it('ignores garbage frames and unknown types', () => {
    const s = hs.sockets[0]!;
    s.hello(1);
    s.onmessage?.({ data: 'not json' });
    s.push({ type: 'something_new' });
    s.push({ type: 'event', seq: 'x' });
    s.event(2);
    expect(hs.events.map((e) => e.seq)).toEqual([2]);
  });

  it('stops cleanly and does not reconnect', () => {
    const s = hs.sockets[0]!;
    s.hello(1);
    hs.client.stop();
    expect(s.closed).toBe(true);
    expect(hs.timers).toHaveLength(0);
    expect(hs.client.state).toBe('offline');
  });

  it('events from a replaced socket are ignored', () => {
    const s1 = hs.sockets[0]!;
    s1.hello(1);
    const stale = s1.onmessage!;
    s1.drop();
    hs.fire();
    hs.sockets[1]!.hello(1);
    stale({ data: JSON.stringify({ type: 'event', seq: 9, event: { stream: 'x', type: 'T' } }) });
    expect(hs.events).toHaveLength(0);
  });

  it('builds the feed URL from the page origin', () => {
    expect(feedUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/feed');
    expect(feedUrl({ protocol: 'https:', host: 'crm.example.cn' })).toBe('wss://crm.example.cn/api/feed');
  });
});
