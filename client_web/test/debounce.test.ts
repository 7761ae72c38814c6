import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { cappedDebounce } from '../src/debounce';

describe('cappedDebounce (live sections reloading under a stream of feed messages)', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('runs once, shortly after a burst', () => {
    const fn = vi.fn();
    const d = cappedDebounce(fn, 400);
    for (let i = 0; i < 5; i++) { d.schedule(); vi.advanceTimersByTime(10); }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(120);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('keeps running every maxWait under a steady stream (50 a second) instead of waiting for its end', () => {
    const fn = vi.fn();
    const d = cappedDebounce(fn, 400);
    for (let t = 0; t < 2000; t += 20) { d.schedule(); vi.advanceTimersByTime(20); }
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(6);
  });

  it('retries after the given time, uncapped, and cancels', () => {
    const fn = vi.fn();
    const d = cappedDebounce(fn, 400);
    d.retry(800);
    vi.advanceTimersByTime(500);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledTimes(1);
    d.schedule();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
