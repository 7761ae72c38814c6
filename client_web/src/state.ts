// Application-wide state: the signed-in user, the server's clock, the feed bus, view disposers.

import type { FeedEvent, FeedReminder, FeedState } from './feed';
import type { User } from './model';
import { DEFAULT_TIME_ZONE } from './format';

export type FeedMessage =
  | { kind: 'event'; event: FeedEvent }
  | { kind: 'reminder'; reminder: FeedReminder }
  | { kind: 'caught_up'; seq: number }
  | { kind: 'state'; state: FeedState };

export class Bus<T> {
  private readonly fns = new Set<(m: T) => void>();
  on(fn: (m: T) => void): () => void { this.fns.add(fn); return () => { this.fns.delete(fn); }; }
  emit(m: T): void { for (const fn of [...this.fns]) { try { fn(m); } catch (e) { console.error(e); } } }
}

class AppState {
  user: User | null = null;
  timeZone = DEFAULT_TIME_ZONE;
  /** server clock − browser clock, ms (the server may run a manual test clock). */
  clockSkewMs = 0;
  feedState: FeedState = 'offline';
  readonly feedBus = new Bus<FeedMessage>();
  /** Reminder ids that arrived live and are not acknowledged yet (nav badge, row highlight). */
  readonly freshReminders = new Set<string>();
  private disposers: (() => void)[] = [];

  serverNow(): Date { return new Date(Date.now() + this.clockSkewMs); }
  onDispose(fn: () => void): void { this.disposers.push(fn); }
  disposeView(): void { const d = this.disposers; this.disposers = []; for (const fn of d) fn(); }
}

export const app = new AppState();
