// Formatting of money, dates and names for the company's users.
// Pure functions: no DOM, no global state (the language and time zone are arguments).

export type Lang = 'zh' | 'en';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Parses fen given as an integer number or a string of digits (API: money is integer fen). */
export function toFen(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isFinite(value) && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  return null;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats integer fen as yuan with thousands separators, exactly (no floating point):
 * en → "¥1,234,567.89", zh → "1,234,567.89 元". Returns "—" for a missing value.
 */
export function formatMoney(fenValue: unknown, lang: Lang): string {
  const fen = toFen(fenValue);
  if (fen === null) return '—';
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = groupThousands((abs / 100n).toString());
  const cents = (abs % 100n).toString().padStart(2, '0');
  const sign = negative ? '-' : '';
  return lang === 'zh' ? `${sign}${yuan}.${cents} 元` : `${sign}¥${yuan}.${cents}`;
}

/** Short form for chart axes and KPI tiles: zh "123.5万" / "1.2亿", en "¥1.2M". */
export function formatMoneyCompact(fenValue: unknown, lang: Lang): string {
  const fen = toFen(fenValue);
  if (fen === null) return '—';
  const yuan = Number(fen) / 100;
  const abs = Math.abs(yuan);
  if (lang === 'zh') {
    if (abs >= 1e8) return `${trim(yuan / 1e8)}亿`;
    if (abs >= 1e4) return `${trim(yuan / 1e4)}万`;
    return `${trim(yuan)}元`;
  }
  if (abs >= 1e9) return `¥${trim(yuan / 1e9)}B`;
  if (abs >= 1e6) return `¥${trim(yuan / 1e6)}M`;
  if (abs >= 1e3) return `¥${trim(yuan / 1e3)}K`;
  return `¥${trim(yuan)}`;
}

function trim(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** Parses a yuan amount typed by a user ("1,234.5", "1234.56") into integer fen, exactly. */
export function parseYuanToFen(input: string): bigint | null {
  const s = input.replace(/[,，\s¥元]/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -fen : fen;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: Lang, tz: string, kind: 'datetime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${lang}|${tz}|${kind}`;
  let f = dtfCache.get(key);
  if (!f) {
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const opts: Intl.DateTimeFormatOptions = { timeZone: tz };
    if (kind !== 'time') Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit' });
    if (kind !== 'date') Object.assign(opts, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    f = new Intl.DateTimeFormat(locale, opts);
    dtfCache.set(key, f);
  }
  return f;
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || value === '') return null;
  // A plain date "2026-11-22" is a calendar date in the company zone, not a UTC instant.
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00+08:00` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026/11/22 09:30" (zh) or "22/11/2026, 09:30" (en), in the company time zone. */
export function formatDateTime(value: unknown, lang: Lang, tz = DEFAULT_TIME_ZONE): string {
  const d = toDate(value);
  return d ? dtf(lang, tz, 'datetime').format(d) : '—';
}

export function formatDate(value: unknown, lang: Lang, tz = DEFAULT_TIME_ZONE): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return lang === 'zh' ? `${y}/${m}/${d}` : `${d}/${m}/${y}`;
  }
  const d = toDate(value);
  return d ? dtf(lang, tz, 'date').format(d) : '—';
}

/** Offset of `tz` from UTC at instant `at`, in minutes (e.g. +480 for Asia/Shanghai). */
export function zoneOffsetMinutes(at: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

function offsetString(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** RFC 3339 with the company zone's offset, e.g. "2026-11-22T09:30:00+08:00". */
export function toZonedRfc3339(at: Date, tz = DEFAULT_TIME_ZONE): string {
  const off = zoneOffsetMinutes(at, tz);
  const local = new Date(Math.floor(at.getTime() / 1000) * 1000 + off * 60000);
  return `${local.toISOString().slice(0, 19)}${offsetString(off)}`;
}

/** Value for <input type="datetime-local"> showing instant `at` in the company zone. */
export function toZonedInputValue(at: Date, tz = DEFAULT_TIME_ZONE): string {
  return toZonedRfc3339(at, tz).slice(0, 16);
}

/** Reads a datetime-local value ("2026-11-22T09:30") as company-zone wall time. */
export function zonedInputToDate(value: string, tz = DEFAULT_TIME_ZONE): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  // Two passes settle the offset across a DST change (none in Asia/Shanghai, but be general).
  let guess = wall - zoneOffsetMinutes(new Date(wall), tz) * 60000;
  guess = wall - zoneOffsetMinutes(new Date(guess), tz) * 60000;
  return new Date(guess);
}

/** Whole days between two instants (b − a), floor. */
export function daysBetween(a: Date, b: Date): number {
  return Math.floor((b.getTime() - a.getTime()) / 86400000);
}

let collator: Intl.Collator | null = null;
/**
 * Collator ordering Chinese names by pinyin and Latin names alphabetically, whatever the UI
 * language: a Chinese sales team expects 白 < 李 < 张 in both languages.
 */
export function nameCollator(): Intl.Collator {
  collator ??= new Intl.Collator('zh-CN-u-co-pinyin', { numeric: true, sensitivity: 'base' });
  return collator;
}

/** Sorts a copy by a name key: Chinese by pinyin (张 after 李 after 白 …), stable. */
export function sortByName<T>(items: readonly T[], key: (item: T) => string): T[] {
  const c = nameCollator();
  return items.map((item, i) => ({ item, i, k: key(item) ?? '' }))
    .sort((a, b) => c.compare(a.k, b.k) || a.i - b.i)
    .map((x) => x.item);
}
