// The live feed client: one WebSocket to /api/feed, resumed after every disconnect.
//
// Contract (API.md "Live feed"): the server greets with {"type":"hello","head_seq":N}; the client
// answers {"type":"subscribe","after_seq":M}; the server then sends every visible event with
// seq > M, then live ones, then {"type":"caught_up"} once the backlog is out.
//
// Guarantees this class gives its listeners:
//  - events are delivered in seq order, each seq at most once (seq <= lastSeq is dropped);
//  - after a reconnect it subscribes with after_seq = the last seq it delivered, so none is missed;
//  - reminders are delivered once per reminder id (+state), even when re-sent after a reconnect;
//  - reconnects back off exponentially with jitter (0.5 s, 1 s, 2 s … capped at 30 s).
//
// The socket factory and the timers are injected, so tests drive it with a fake socket.

export type FeedState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface FeedEvent {
  seq: number;
  id?: string;
  stream: string;
  stream_version?: number;
  type: string;
  occurred_at?: string;
  actor?: string;
  data?: Record<string, unknown>;
}

export interface FeedReminder {
  id: string;
  kind: string;
  subject_type?: string;
  subject_id?: string;
  state?: string;
  [k: string]: unknown;
}

/** The part of the browser WebSocket the client uses. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface FeedOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** Seq already reflected in what the page shows; null means "start from the server's head". */
  initialSeq?: number | null;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  /** Failed attempts after which the indicator says "offline" (it still keeps retrying). */
  offlineAfter?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface FeedListeners {
  onEvent?: (e: FeedEvent) => void;
  onReminder?: (r: FeedReminder) => void;
  onState?: (s: FeedState) => void;
  /** After a (re)connection has delivered its backlog. */
  onCaughtUp?: (seq: number) => void;
  /** A connection attempt failed or dropped; `failures` counts since the last success. */
  onFailure?: (failures: number) => void;
}

export class FeedClient {
  private socket: SocketLike | null = null;
  private lastSeq: number | null;
  private failures = 0;
  private timer: unknown = null;
  private stopped = true;
  private stateValue: FeedState = 'offline';
  private readonly seenReminders = new Set<string>();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (h: unknown) => void;
  private readonly random: () => number;

  constructor(private readonly opts: FeedOptions, private readonly listeners: FeedListeners = {}) {
    this.lastSeq = opts.initialSeq ?? null;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.random = opts.random ?? Math.random;
  }

  get state(): FeedState { return this.stateValue; }
  /** The last seq delivered to listeners (what the next subscribe resumes after). */
  get seq(): number | null { return this.lastSeq; }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.failures = 0;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) { this.clearTimer(this.timer); this.timer = null; }
    const s = this.socket;
    this.socket = null;
    if (s) { detach(s); try { s.close(1000, 'bye'); } catch { /* already closed */ } }
    this.setState('offline');
  }

  /** Reconnect now (e.g. the browser came back online), skipping the remaining backoff. */
  retryNow(): void {
    if (this.stopped || this.socket) return;
    if (this.timer !== null) { this.clearTimer(this.timer); this.timer = null; }
    this.connect();
  }

  /** The delay before reconnect attempt number `failures` (1-based), jittered ±20 %. */
  backoffDelay(failures: number): number {
    const base = this.opts.baseDelayMs ?? 500;
    const max = this.opts.maxDelayMs ?? 30000;
    const raw = Math.min(max, base * 2 ** Math.max(0, failures - 1));
    return Math.round(raw * (0.8 + 0.4 * this.random()));
  }

  private connect(): void {
    this.timer = null;
    this.setState(this.lastSeq === null && this.failures === 0 ? 'connecting' : this.stateAfterFailure());
    let s: SocketLike;
    try {
      s = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    let greeted = false;
    s.onopen = () => { /* wait for hello: it tells us head_seq on a first connection */ };
    s.onmessage = (ev) => {
      if (this.socket !== s) return;
      const msg = parse(ev.data);
      if (!msg) return;
      switch (msg.type) {
        case 'hello': {
          greeted = true;
          const head = toInt(msg.head_seq);
          if (this.lastSeq === null) this.lastSeq = head ?? 0;
          s.send(JSON.stringify({ type: 'subscribe', after_seq: this.lastSeq }));
          this.failures = 0;
          this.setState('connected');
          break;
        }
        case 'event': {
          const e = msg.event as FeedEvent | undefined;
          const seq = toInt(msg.seq) ?? toInt(e?.seq);
          if (!e || seq === null) return;
          if (this.lastSeq !== null && seq <= this.lastSeq) return; // duplicate across a resume
          this.lastSeq = seq;
          this.listeners.onEvent?.({ ...e, seq });
          break;
        }
        case 'reminder': {
          const r = msg.reminder as FeedReminder | undefined;
          if (!r || typeof r.id !== 'string') return;
          const key = `${r.id}|${r.state ?? ''}`;
          if (this.seenReminders.has(key)) return;
          this.seenReminders.add(key);
          this.listeners.onReminder?.(r);
          break;
        }
        case 'caught_up': {
          if (!greeted) return;
          this.listeners.onCaughtUp?.(this.lastSeq ?? toInt(msg.seq) ?? 0);
          break;
        }
        default:
          break; // unknown frame types are ignored: the server may add some
      }
    };
    s.onerror = () => { /* onclose follows and decides */ };
    s.onclose = () => {
      if (this.socket !== s) return;
      detach(s);
      this.socket = null;
      if (this.stopped) return;
      this.scheduleReconnect();
    };
  }

  private stateAfterFailure(): FeedState {
    return this.failures >= (this.opts.offlineAfter ?? 4) ? 'offline' : 'reconnecting';
  }

  private scheduleReconnect(): void {
    this.failures += 1;
    this.setState(this.stateAfterFailure());
    this.listeners.onFailure?.(this.failures);
    this.timer = this.setTimer(() => this.connect(), this.backoffDelay(this.failures));
  }

  private setState(s: FeedState): void {
    if (s === this.stateValue) return;
    this.stateValue = s;
    this.listeners.onState?.(s);
  }
}

function detach(s: SocketLike): void {
  s.onopen = s.onmessage = s.onerror = s.onclose = null;
}

function parse(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'string') return null;
  try {
    const v = JSON.parse(data) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function toInt(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return null;
}

/** ws:// or wss:// URL of the feed on the page's own origin. */
export function feedUrl(loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/feed`;
}
