// Shared building blocks: cards, tables, badges, toasts, live sections.

import { h, replace } from './dom';
import { ApiError } from './api';
import { t, tx, lang, type Key } from './i18n';
import { formatDate, formatDateTime, formatMoney } from './format';
import { stalenessOf, tracksStaleness, type Project, type Staleness } from './model';
import { app } from './state';
import { cappedDebounce } from './debounce';

export function card(title: string | Node, body: Node | Node[], opts: { actions?: Node | Node[]; hint?: string; id?: string; wide?: boolean } = {}): HTMLElement {
  return h('section', { class: `card${opts.wide ? ' wide' : ''}`, id: opts.id },
    title === '' && !opts.actions ? null : h('header', { class: 'card-head' }, typeof title === 'string' ? h('h2', null, title) : h('div', { class: 'card-title' }, title), opts.actions ? h('div', { class: 'card-actions' }, opts.actions) : null),
    opts.hint ? h('p', { class: 'hint' }, opts.hint) : null,
    body);
}

export interface Column<T> {
  label: string;
  cell: (row: T) => Node | string | number | null | undefined;
  class?: string;
}

export interface TableOptions<T> {
  empty?: string;
  rowClass?: (r: T) => string;
  rowAttrs?: (r: T) => Record<string, string>;
}

export function table<T>(rows: T[], cols: Column<T>[], opts: TableOptions<T> = {}): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, opts.empty ?? t('common.empty'));
  return h('div', { class: 'table-wrap' },
    h('table', null,
      h('thead', null, h('tr', null, cols.map((c) => h('th', { class: c.class }, c.label)))),
      h('tbody', null, rows.map((r) => tableRow(r, cols, opts)))));
}

/** One row of `table` (for a view that adds a row as it arrives, before the next reload). */
export function tableRow<T>(r: T, cols: Column<T>[], opts: TableOptions<T> = {}): HTMLTableRowElement {
  const tr = h('tr', { class: opts.rowClass?.(r) }, cols.map((c) => h('td', { class: c.class, 'data-label': c.label }, c.cell(r) ?? '—')));
  if (opts.rowAttrs) for (const [k, v] of Object.entries(opts.rowAttrs(r))) tr.setAttribute(k, v);
  return tr;
}

export function badge(text: string, kind: string): HTMLElement {
  return h('span', { class: `badge b-${kind}` }, text);
}

export function staleBadge(s: Staleness): HTMLElement {
  return badge(t(`stale.${s}` as Key), s);
}

/** The staleness badge where it applies (approved or on hold), else nothing. */
export function projectStaleBadge(p: Project): HTMLElement | null {
  return tracksStaleness(p) ? staleBadge(stalenessOf(p)) : null;
}

/** Row class colouring a project by staleness where it applies. */
export function projectRowClass(p: Project): string {
  return tracksStaleness(p) ? `stale-${stalenessOf(p)}` : 'stale-none';
}

export function statusBadge(status: string): HTMLElement {
  return badge(tx('status', status), `st-${status}`);
}

export const money = (fen: unknown) => formatMoney(fen, lang());
export const dt = (v: unknown) => formatDateTime(v, lang(), app.timeZone);
export const d = (v: unknown) => formatDate(v, lang(), app.timeZone);
export const pct = (v: unknown) => (typeof v === 'number' ? `${v}%` : '—');

export function link(href: string, text: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { href, ...attrs }, text);
}

export function errorBox(e: unknown): HTMLElement {
  const msg = e instanceof ApiError ? e.display() : t('error.unknown', { status: '?' });
  return h('div', { class: 'error', role: 'alert' }, msg);
}

let toastHost: HTMLElement | null = null;
export function toast(message: string, kind: 'ok' | 'err' = 'ok'): void {
  toastHost ??= document.body.appendChild(h('div', { class: 'toasts', 'aria-live': 'polite' }));
  const el = h('div', { class: `toast ${kind}` }, message);
  toastHost.appendChild(el);
  setTimeout(() => el.remove(), kind === 'err' ? 7000 : 3000);
}

export function toastError(e: unknown): void {
  toast(e instanceof ApiError ? e.display() : String(e), 'err');
}

/**
 * A section that loads its content and reloads it whenever a matching feed event arrives
 * (debounced, but never by more than `maxWaitMs` after the first event it has not shown: a
 * steady stream of events, 50 reminders a second, must not hold the reload back until it
 * ends), or after a reconnect. The section is disposed with the view.
 */
export function liveSection(load: () => Promise<Node | Node[]>, opts: {
  filter?: (ev: { stream: string; type: string; data?: Record<string, unknown> }) => boolean;
  onReminder?: boolean;
  /** Reload after a reconnect (default true). Off for reads that are logged (R-A9). */
  onReconnect?: boolean;
  maxWaitMs?: number;
} = {}): HTMLElement {
  const host = h('div', { class: 'live', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('common.loading')));
  let running = false;
  let again = false;
  const run = async () => {
    if (running) { again = true; return; }
    running = true;
    try {
      const content = await load();
      replace(host, content);
    } catch (e) {
      replace(host, errorBox(e));
    } finally {
      host.setAttribute('aria-busy', 'false');
      running = false;
      if (again) { again = false; void run(); }
    }
  };
  // Never re-render under someone who is typing: wait until the field loses focus.
  const typing = () => {
    const a = document.activeElement;
    if (a && host.contains(a) && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName)) return true;
    return [...host.querySelectorAll('textarea')].some((x) => x.value.trim() !== '');
  };
  const reload = cappedDebounce(() => { if (typing()) reload.retry(800); else void run(); }, opts.maxWaitMs ?? 400);
  app.onDispose(app.feedBus.on((msg) => {
    if (msg.kind === 'event' && (!opts.filter || opts.filter(msg.event))) reload.schedule();
    else if (msg.kind === 'caught_up' && opts.onReconnect !== false) reload.schedule();
    else if (msg.kind === 'reminder' && opts.onReminder) reload.schedule();
  }));
  app.onDispose(() => reload.cancel());
  void run();
  return host;
}

export function field(label: string, input: HTMLElement, opts: { wide?: boolean } = {}): HTMLElement {
  return h('label', { class: `field${opts.wide ? ' wide' : ''}` }, h('span', null, label), input);
}

export function select(name: string, options: [string, string][], value?: string, attrs: Record<string, unknown> = {}): HTMLSelectElement {
  return h('select', { name, ...attrs }, options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)));
}

export function dl(pairs: [string, Node | string | number | null | undefined][]): HTMLElement {
  return h('dl', { class: 'kv' }, pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v === undefined || v === null || v === '' ? '—' : v)]));
}
