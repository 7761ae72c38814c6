// Alert centre (manager, VP, GM): reminders for my scope arriving live with a visual cue
// (no sound), acknowledge, drill down; stale projects counted by unit and staleness.

import { h } from '../dom';
import { get, post, qs, items, enc } from '../api';
import { t, tx } from '../i18n';
import { sortByName } from '../format';
import { compareByStaleness, stalenessOf, tracksStaleness, type Project, type Reminder, type Staleness } from '../model';
import { app } from '../state';
import { card, table, tableRow, staleBadge, statusBadge, dt, liveSection, link, toastError, type Column, type TableOptions } from '../ui';
import { subjectLink } from './mywork';

const STALE: Staleness[] = ['stale_2w', 'stale_1m', 'on_hold'];

// Arrivals show at once (showArrivals); the full reloads that reconcile them and the counts can
// be a second apart when reminders stream in, which keeps the page's main thread free.
const RELOAD = { onReminder: true, maxWaitMs: 1000 };

export function renderAlerts(root: HTMLElement): void {
  root.append(
    h('h1', null, t('alerts.title')),
    h('p', { class: 'hint' }, t('alerts.hint')),
    h('div', { class: 'grid' },
      card(t('alerts.open'), showArrivals(liveSection(loadReminders, RELOAD)), { wide: true, id: 'alerts-open' }),
      card(t('alerts.byUnit'), liveSection(loadByUnit, { ...RELOAD, filter: isProjectEvent }), { id: 'alerts-by-unit', wide: true }),
      card(t('alerts.staleList'), liveSection(loadStale, { ...RELOAD, filter: isProjectEvent }), { id: 'alerts-stale', wide: true })));
}

function isProjectEvent(e: { stream: string; type: string }): boolean {
  return e.stream.startsWith('project') || /project|reminder|clock/i.test(e.type);
}

const reminderColumns = (): Column<Reminder>[] => [
  { label: t('alerts.kind'), cell: (r) => h('span', { class: 'rk' }, app.freshReminders.has(r.id) ? h('span', { class: 'new-dot' }, t('alerts.new')) : null, tx('reminder', r.kind)) },
  { label: t('alerts.subject'), cell: (r) => subjectLink(r) },
  { label: t('common.owner'), cell: (r) => r.owner_name ?? '—' },
  { label: t('common.unit'), cell: (r) => r.org_unit_name ?? r.org_unit ?? '—' },
  { label: t('alerts.due'), cell: (r) => dt(r.due_at) },
  { label: t('alerts.raised'), cell: (r) => dt(r.raised_at) },
  {
    label: '', class: 'act', cell: (r) => h('button', {
      class: 'small', type: 'button', 'data-testid': 'ack',
      onclick: async (ev: Event) => {
        const btn = ev.target as HTMLButtonElement;
        btn.disabled = true;
        try {
          await post(`/api/reminders/${enc(r.id)}/ack`, {});
          app.freshReminders.delete(r.id);
          app.feedBus.emit({ kind: 'reminder', reminder: { ...r, state: 'acked' } });
        } catch (e) { btn.disabled = false; toastError(e); }
      },
    }, t('alerts.ack')),
  },
];

// When each live reminder first showed here: the arrival cue (an animation) plays once, in its
// first seconds, not again on every reload of a list that may hold hundreds of new ones.
const shownAt = new Map<string, number>();
const CUE_MS = 2400;

function arrivalClass(id: string): string {
  if (!app.freshReminders.has(id)) return '';
  const now = performance.now();
  const first = shownAt.get(id) ?? now;
  if (!shownAt.has(id)) shownAt.set(id, now);
  return now - first < CUE_MS ? 'arrived ' : 'fresh ';
}

const reminderRows: TableOptions<Reminder> = {
  rowClass: (r) => `${arrivalClass(r.id)}rk-${r.kind}`,
  rowAttrs: (r) => ({ 'data-reminder-id': r.id, 'data-subject-id': r.subject_id }),
};

async function loadReminders(): Promise<Node> {
  const list = items<Reminder>(await get(qs('/api/reminders', { state: 'open' })));
  list.sort((a, b) => Number(app.freshReminders.has(b.id)) - Number(app.freshReminders.has(a.id)) || String(b.raised_at ?? '').localeCompare(String(a.raised_at ?? '')));
  return table(list, reminderColumns(), { ...reminderRows, empty: t('alerts.none') });
}

/**
 * A reminder the feed brings shows at once, on top, from the feed message itself (it carries
 * the same fields as the list); the section's next reload, at most a few hundred milliseconds
 * later, puts the list in order with the server's.
 */
function showArrivals(host: HTMLElement): HTMLElement {
  app.onDispose(app.feedBus.on((msg) => {
    if (msg.kind !== 'reminder' || (msg.reminder.state ?? 'open') !== 'open') return;
    const body = host.querySelector('tbody');
    const r = msg.reminder as unknown as Reminder;
    if (!body || !r.subject_id || body.querySelector(`tr[data-reminder-id="${CSS.escape(r.id)}"]`)) return;
    body.prepend(tableRow(r, reminderColumns(), reminderRows));
  }));
  return host;
}

async function staleProjects(): Promise<Project[]> {
  return items<Project>(await get(qs('/api/projects', { stale: 'true' }))).filter((p) => tracksStaleness(p) && stalenessOf(p) !== 'fresh');
}

async function loadByUnit(): Promise<Node> {
  const list = await staleProjects();
  const units = new Map<string, Record<Staleness, number>>();
  for (const p of list) {
    const u = p.org_unit_name ?? p.org_unit ?? '—';
    const row = units.get(u) ?? { fresh: 0, stale_2w: 0, stale_1m: 0, on_hold: 0 };
    row[stalenessOf(p)] += 1;
    units.set(u, row);
  }
  const rows = sortByName([...units.entries()], ([u]) => u);
  const total: Record<Staleness, number> = { fresh: 0, stale_2w: 0, stale_1m: 0, on_hold: 0 };
  for (const [, r] of rows) for (const s of STALE) total[s] += r[s];
  return h('div', null,
    h('div', { class: 'kpis' }, STALE.map((s) => h('div', { class: `kpi k-${s}` }, h('b', { 'data-testid': `count-${s}` }, total[s]), h('span', null, t(`stale.${s}`))))),
    table(rows, [
      { label: t('common.unit'), cell: ([u]) => u },
      ...STALE.map((s) => ({ label: t(`stale.${s}`), class: 'num', cell: ([, r]: [string, Record<Staleness, number>]) => r[s] ? h('span', { class: `count c-${s}` }, r[s]) : '·' })),
    ], { empty: t('alerts.noStale') }));
}

async function loadStale(): Promise<Node> {
  const list = (await staleProjects()).sort(compareByStaleness);
  return table(list, [
    { label: t('project.name'), cell: (p) => h('div', null, link(`#/projects/${enc(p.id)}`, p.name), h('small', { class: 'sub' }, p.account_name ?? '')) },
    { label: t('common.owner'), cell: (p) => p.owner_name ?? p.owner ?? '—' },
    { label: t('common.unit'), cell: (p) => p.org_unit_name ?? p.org_unit ?? '—' },
    { label: t('common.status'), cell: (p) => statusBadge(p.status) },
    { label: t('project.sinceUpdate'), class: 'num', cell: (p) => p.days_since_update === undefined ? '—' : t('common.days', { n: p.days_since_update }) },
    { label: '', cell: (p) => staleBadge(stalenessOf(p)) },
  ], { empty: t('alerts.noStale'), rowClass: (p) => `stale-${stalenessOf(p)}`, rowAttrs: (p) => ({ 'data-project-id': p.id }) });
}
