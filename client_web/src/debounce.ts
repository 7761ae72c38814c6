// A debounce with a cap: a burst of calls runs the function once, shortly after the burst; a
// steady stream of calls (a feed bringing 50 reminders a second) still runs it every `maxWaitMs`
// instead of postponing it until the stream stops.

export interface CappedDebounce {
  /** Runs the function `delay` ms after the last call, but at most `maxWaitMs` after the first call not yet served. */
  schedule(delay?: number): void;
  /** Runs the function after `ms`, uncapped (a retry that must wait). */
  retry(ms: number): void;
  cancel(): void;
}

export function cappedDebounce(fn: () => void, maxWaitMs: number): CappedDebounce {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let first = 0;  // when the oldest call not yet served came
  const arm = (ms: number) => { timer = setTimeout(() => { timer = null; fn(); }, ms); };
  return {
    schedule(delay = 120) {
      const now = Date.now();
      if (timer) clearTimeout(timer);
      else first = now;
      arm(Math.max(0, Math.min(delay, first + maxWaitMs - now)));
    },
    retry(ms) {
      if (timer) clearTimeout(timer);
      first = Date.now();
      arm(ms);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
