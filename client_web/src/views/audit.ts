// Audit: time travel (any past instant, by date-time picker and slider: the dashboard, an
// account or a project as of then), the event timeline with filters, and the access log.

import { h, replace } from '../dom';
import { get, qs, items, nextCursor, enc, ApiError } from '../api';
import { t, tx, type Key } from '../i18n';
import { sortByName, toZonedInputValue, toZonedRfc3339, zonedInputToDate } from '../format';
import { densityMarks, type AccountFile, type ApiEvent, type Project } from '../model';
import { app } from '../state';
import { card, table, dt, liveSection, link, errorBox, field, badge } from '../ui';
import { accountFile } from './account';
import { projectFacts, projectHead } from './project';
import { humanType } from './timeline';

type Tab = 'asof' | 'events' | 'access';

export function renderAudit(root: HTMLElement, _p: string[], query: URLSearchParams): void {
  const tab = (query.get('tab') as Tab) || 'asof';
  const setQuery = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v); else q.delete(k);
    location.hash = `#/audit?${q}`;
  };
  root.append(
    h('h1', null, t('audit.title')),
    h('div', { class: 'tabs', role: 'tablist' }, (['asof', 'events', 'access'] as Tab[]).map((k) =>
      h('a', { role: 'tab', href: `#/audit?tab=${k}`, class: k === tab ? 'active' : '', 'aria-selected': String(k === tab) }, t(`audit.tab.${k}` as Key)))),
    tab === 'asof' ? timeTravel(query, setQuery) : tab === 'events' ? eventsTab(query, setQuery) : accessTab(query, setQuery));
}

// ---- time travel -------------------------------------------------------------------------

function timeTravel(query: URLSearchParams, setQuery: (p: Record<string, string | null>) => void): Node {
  const now = app.serverNow();
  const asOfParam = query.get('as_of');
  const asOf = asOfParam ? new Date(asOfParam) : now;
  const projectId = query.get('project') ?? '';
  const accountId = query.get('account') ?? '';
  const tz = app.timeZone;

  const picker = h('input', { type: 'datetime-local', step: 60, value: toZonedInputValue(asOf, tz), max: toZonedInputValue(now, tz), 'data-testid': 'asof-input' });
  const slider = h('input', { type: 'range', min: 0, max: 1000, step: 1, value: 1000, class: 'slider', 'data-testid': 'asof-slider', 'aria-label': t('audit.asOf') });
  const label = h('output', { class: 'asof-label' }, dt(asOf));
  let min = now.getTime() - 90 * 86400000;
  const max = now.getTime();
  const toSlider = (d: Date) => Math.round(((d.getTime() - min) / Math.max(1, max - min)) * 1000);
  const fromSlider = (v: number) => new Date(min + ((max - min) * v) / 1000);
  const ticks = h('div', { class: 'ticks', 'aria-hidden': 'true' });
  const commit = (d: Date) => setQuery({ as_of: toZonedRfc3339(d, tz) });

  // The slider spans from the first event to now; event marks show where history happened. The
  // log may hold years of events: the marks come from the time of the event at 40 evenly spaced
  // positions of the log (each span between two of them holds as many events), not from reading
  // it all.
  void get(qs('/api/events', { after: 0, limit: 1 })).then((res) => {
    const first = items<ApiEvent>(res)[0];
    const t0 = first?.occurred_at ? Date.parse(first.occurred_at) : NaN;
    if (!Number.isNaN(t0) && t0 < max) min = t0 - 60000;
    slider.value = String(toSlider(asOf));
    const head = Number((res as { head_seq?: number }).head_seq ?? 0);
    const positions = [...new Set(Array.from({ length: 41 }, (_, i) => Math.floor((i * head) / 40)))];
    return Promise.all(positions.map((after) => get(qs('/api/events', { after, limit: 1 })).then((r) => items<ApiEvent>(r)[0])));
  }).then((samples) => {
    const points = samples.filter((e): e is ApiEvent => !!e?.occurred_at).map((e) => [Number(e.seq), Date.parse(e.occurred_at!)] as const);
    replace(ticks, densityMarks(points, min, max).map((v) => h('i', { style: `height:${v ? 4 + v * 20 : 0}px` })));
  }).catch(() => { /* slider keeps a 90-day span */ });

  let sliderTimer: ReturnType<typeof setTimeout> | null = null;
  slider.addEventListener('input', () => {
    const d = fromSlider(Number(slider.value));
    picker.value = toZonedInputValue(d, tz);
    label.textContent = dt(d);
    if (sliderTimer) clearTimeout(sliderTimer);
    sliderTimer = setTimeout(() => commit(d), 400);
  });
  picker.addEventListener('change', () => {
    const d = zonedInputToDate(picker.value, tz);
    if (d) commit(d.getTime() > max ? now : d);
  });
  const jump = (ms: number, key: string) => h('button', { type: 'button', class: 'ghost small', onclick: () => commit(ms === 0 ? now : new Date(asOf.getTime() - ms)) }, key);

  const asOfStr = toZonedRfc3339(asOf, tz);
  const idForm = (name: 'project' | 'account', value: string, labelKey: Key) => h('form', {
    class: 'inline', onsubmit: (ev: Event) => { ev.preventDefault(); setQuery({ [name]: ((ev.target as HTMLFormElement).elements.namedItem('id') as HTMLInputElement).value.trim() || null }); },
  }, h('input', { name: 'id', value, placeholder: t(labelKey), 'aria-label': t(labelKey), 'data-testid': `asof-${name}-id` }), h('button', { type: 'submit' }, t('audit.show')));

  return h('div', null,
    card(t('audit.asOf'), h('div', { class: 'timetravel' },
      h('div', { class: 'tt-row' }, picker, label,
        h('div', { class: 'btn-row' }, jump(86400000 * 30, '−30d'), jump(86400000 * 7, '−7d'), jump(86400000, '−1d'), jump(3600000, '−1h'), jump(0, t('audit.now')))),
      h('div', { class: 'slider-wrap' }, ticks, slider)), { hint: t('audit.asOfHint'), wide: true }),
    h('div', { class: 'grid' },
      card(t('audit.dashboard'), liveSection(() => dashboard(asOfStr)), { wide: true, id: 'asof-dashboard' }),
      card(t('audit.projectAsOf'), h('div', null, idForm('project', projectId, 'audit.projectId'), projectId ? liveSection(() => projectAsOf(projectId, asOfStr)) : null), { wide: true, id: 'asof-project' }),
      card(t('audit.accountAsOf'), h('div', null, idForm('account', accountId, 'audit.accountId'), accountId ? liveSection(() => accountAsOf(accountId, asOfStr)) : null), { wide: true, id: 'asof-account' })));
}

interface Dashboard {
  as_of?: string; seq?: number;
  projects_by_status?: Record<string, number>;
  stale?: Record<string, number>;
  open_reminders?: number; named_accounts?: number; open_complaints?: number;
  by_unit?: { unit_id?: string; unit_name?: string; projects?: number; stale_2w?: number; stale_1m?: number; on_hold?: number; open_reminders?: number }[];
}

async function dashboard(asOf: string): Promise<Node> {
  const db = await get<Dashboard>(qs('/api/audit/dashboard', { as_of: asOf }));
  const statuses = Object.entries(db.projects_by_status ?? {});
  return h('div', { 'data-testid': 'dashboard' },
    h('p', { class: 'sub' }, `${t('audit.asOf')} ${dt(db.as_of ?? asOf)}${db.seq !== undefined ? ` · ${t('audit.seq')} ${db.seq}` : ''}`),
    h('div', { class: 'kpis' },
      kpi(t('audit.namedAccounts'), db.named_accounts), kpi(t('audit.openReminders'), db.open_reminders), kpi(t('audit.openComplaints'), db.open_complaints),
      ...(['stale_2w', 'stale_1m', 'on_hold'] as const).map((s) => kpi(t(`stale.${s}`), db.stale?.[s], `k-${s}`))),
    h('h3', null, t('audit.projectsByStatus')),
    h('div', { class: 'status-bars' }, statuses.map(([s, n]) => h('span', { class: 'sb' }, badge(tx('status', s), `st-${s}`), h('b', null, n)))),
    db.by_unit?.length ? table(sortByName(db.by_unit, (u) => u.unit_name ?? u.unit_id ?? ''), [
      { label: t('common.unit'), cell: (u) => u.unit_name ?? u.unit_id ?? '—' },
      { label: t('account.projects'), class: 'num', cell: (u) => u.projects ?? 0 },
      { label: t('stale.stale_2w'), class: 'num', cell: (u) => u.stale_2w ?? 0 },
      { label: t('stale.stale_1m'), class: 'num', cell: (u) => u.stale_1m ?? 0 },
      { label: t('stale.on_hold'), class: 'num', cell: (u) => u.on_hold ?? 0 },
    ]) : null);
}

function kpi(label: string, n: number | undefined, cls = ''): HTMLElement {
  return h('div', { class: `kpi ${cls}` }, h('b', null, n ?? '—'), h('span', null, label));
}

/** Accepts {"project":{…}} or the bare project. */
async function projectAsOf(id: string, asOf: string): Promise<Node> {
  const [then, now] = await Promise.all([
    get<{ project?: Project } & Project>(qs(`/api/audit/projects/${enc(id)}`, { as_of: asOf })),
    get<Project>(`/api/projects/${enc(id)}`).catch(() => null),
  ]);
  const p = then.project ?? then;
  if (!p || !p.status) return h('p', { class: 'empty' }, t('error.not_found'));
  return h('div', { class: 'asof-project', 'data-testid': 'asof-project' },
    projectHead(p),
    now && now.status !== p.status ? h('p', { class: 'diff-note' }, `${t('audit.now')}: `, badge(tx('status', now.status), `st-${now.status}`)) : null,
    projectFacts(p),
    link(`#/audit?tab=events&stream=project-${enc(id)}`, `${t('audit.events')} →`));
}

async function accountAsOf(id: string, asOf: string): Promise<Node> {
  try {
    const res = await get<{ account?: AccountFile } & AccountFile>(qs(`/api/audit/accounts/${enc(id)}`, { as_of: asOf }));
    return accountFile(res.account ?? res, { asOf: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return h('p', { class: 'error' }, t('account.forbidden'));
    throw e;
  }
}

// ---- events ------------------------------------------------------------------------------

function filterForm(fields: [string, Key, string][], query: URLSearchParams, setQuery: (p: Record<string, string | null>) => void): HTMLFormElement {
  const tz = app.timeZone;
  const form = h('form', {
    class: 'filters',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      const patch: Record<string, string | null> = {};
      for (const [name, , type] of fields) {
        const v = (form.elements.namedItem(name) as HTMLInputElement).value.trim();
        if (type === 'datetime-local') { const d = v ? zonedInputToDate(v, tz) : null; patch[name] = d ? toZonedRfc3339(d, tz) : null; }
        else patch[name] = v || null;
      }
      setQuery(patch);
    },
  }, fields.map(([name, key, type]) => {
    const cur = query.get(name) ?? '';
    const value = type === 'datetime-local' && cur ? toZonedInputValue(new Date(cur), tz) : cur;
    return field(t(key), h('input', { name, type, value }));
  }), h('button', { type: 'submit', class: 'primary' }, t('audit.apply')));
  return form;
}

function eventsTab(query: URLSearchParams, setQuery: (p: Record<string, string | null>) => void): Node {
  const params = { stream: query.get('stream'), type: query.get('type'), actor: query.get('actor'), from: query.get('from'), to: query.get('to') };
  const form = filterForm([['stream', 'audit.filter.stream', 'text'], ['type', 'audit.filter.type', 'text'], ['actor', 'audit.filter.actor', 'text'], ['from', 'audit.filter.from', 'datetime-local'], ['to', 'audit.filter.to', 'datetime-local']], query, setQuery);
  const byStream = (stream: string) => setQuery({ stream });
  const list = h('tbody');
  const more = h('button', { type: 'button', class: 'ghost', hidden: true }, t('common.more'));
  let after: string | null = '0';
  const load = async () => {
    const res = await get(qs('/api/events', { ...params, after, limit: 200 }));
    for (const e of items<ApiEvent>(res)) list.append(eventRow(e, false, byStream));
    after = nextCursor(res);
    more.hidden = after === null;
  };
  more.onclick = () => void load().catch((e) => more.replaceWith(errorBox(e)));
  const body = h('div', null, h('div', { class: 'table-wrap' }, h('table', { class: 'events' },
    h('thead', null, h('tr', null, [t('audit.seq'), t('common.when'), t('audit.filter.stream'), t('audit.filter.type'), t('common.who'), t('audit.data')].map((x) => h('th', null, x)))), list)), more);
  void load().catch((e) => body.replaceWith(errorBox(e)));
  // Live: new matching events are appended as they happen.
  app.onDispose(app.feedBus.on((m) => {
    if (m.kind !== 'event' || after !== null) return;
    const e = m.event as ApiEvent;
    if ((params.stream && e.stream !== params.stream) || (params.type && e.type !== params.type) || (params.actor && e.actor !== params.actor) || params.to) return;
    list.append(eventRow(e, true, byStream));
  }));
  return h('div', null, card(t('audit.events'), h('div', null, form, body), { wide: true }));
}

function eventRow(e: ApiEvent, fresh = false, filterBy?: (stream: string) => void): HTMLElement {
  const data = JSON.stringify(e.data ?? {}, null, 1);
  return h('tr', { class: fresh ? 'arrived' : '', 'data-seq': e.seq },
    h('td', { class: 'num' }, e.seq),
    h('td', null, dt(e.occurred_at)),
    h('td', null, filterBy ? h('a', { href: '#', title: t('audit.apply'), onclick: (ev: Event) => { ev.preventDefault(); filterBy(e.stream); } }, e.stream) : e.stream, ' ', streamLink(e.stream)),
    h('td', null, h('span', { title: e.type }, humanType(e.type))),
    h('td', null, e.actor_name ?? e.actor ?? '—'),
    h('td', { class: 'data' }, data.length > 80 ? h('details', null, h('summary', null, data.replace(/\s+/g, ' ').slice(0, 70) + '…'), h('pre', null, data)) : h('code', null, data.replace(/\s+/g, ' '))));
}

/** "↗" to the project or account page of a stream, when it is one. */
function streamLink(stream: string): Node {
  const m = /^(project|account)-(.+)$/.exec(stream);
  return m ? link(`#/${m[1]}s/${enc(m[2]!)}`, '↗', { class: 'open-link', title: t('common.open') }) : document.createTextNode('');
}

// ---- access log --------------------------------------------------------------------------

interface Access { at: string; user?: string; user_name?: string; account_id?: string; account_name?: string; action?: string }

function accessTab(query: URLSearchParams, setQuery: (p: Record<string, string | null>) => void): Node {
  const params = { account: query.get('account'), user: query.get('user'), from: query.get('from'), to: query.get('to') };
  const form = filterForm([['account', 'audit.filter.account', 'text'], ['user', 'audit.filter.user', 'text'], ['from', 'audit.filter.from', 'datetime-local'], ['to', 'audit.filter.to', 'datetime-local']], query, setQuery);
  const tz = app.timeZone;
  const hourFmt = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' });
  const afterHours = (a: Access) => { const hr = Number(hourFmt.format(new Date(a.at))); return hr < 8 || hr >= 20; };
  return h('div', null,
    card(t('audit.accessLog'), h('div', null, form, liveSection(async () => {
      const rows: Access[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const res = await get(qs('/api/audit/access-log', { ...params, cursor }));
        rows.push(...items<Access>(res));
        cursor = nextCursor(res);
        if (!cursor) break;
      }
      rows.sort((a, b) => b.at.localeCompare(a.at));
      const byUser = new Map<string, number>();
      const byAccount = new Map<string, { name: string; id?: string; n: number; readers: Set<string> }>();
      for (const r of rows) {
        const u = r.user_name ?? r.user ?? '?';
        byUser.set(u, (byUser.get(u) ?? 0) + 1);
        const k = r.account_id ?? r.account_name ?? '?';
        const acc = byAccount.get(k) ?? { name: r.account_name ?? k, id: r.account_id, n: 0, readers: new Set<string>() };
        acc.n += 1; acc.readers.add(u); byAccount.set(k, acc);
      }
      const late = rows.filter(afterHours);
      const topAccounts = [...byAccount.values()].sort((a, b) => b.n - a.n).slice(0, 8);
      const filterLink = (key: 'user' | 'account', value: string | undefined, text: string) => value ? h('a', { href: '#', onclick: (ev: Event) => { ev.preventDefault(); setQuery({ [key]: value }); } }, text) : text;
      return h('div', { 'data-testid': 'access-log' },
        h('div', { class: 'kpis' },
          kpi(t('audit.readsLabel'), rows.length), kpi(t('audit.readers'), byUser.size), kpi(t('audit.afterHours'), late.length, late.length ? 'k-stale_1m' : '')),
        h('div', { class: 'grid two' },
          h('div', null, h('h3', null, t('audit.topAccounts')), table(topAccounts, [
            { label: t('audit.filter.account'), cell: (a) => filterLink('account', a.id, a.name) },
            { label: t('audit.readsLabel'), class: 'num', cell: (a) => h('span', { class: 'weight' }, h('i', { style: `width:${(a.n / (topAccounts[0]?.n || 1)) * 100}%` }), a.n) },
            { label: t('audit.readers'), class: 'num', cell: (a) => a.readers.size },
          ])),
          h('div', null, h('h3', null, t('audit.readers')), table(sortByName([...byUser.entries()], ([u]) => u).sort((a, b) => b[1] - a[1]).slice(0, 8), [
            { label: t('audit.filter.user'), cell: ([u]) => filterLink('user', rows.find((r) => (r.user_name ?? r.user) === u)?.user, u) },
            { label: t('audit.readsLabel'), class: 'num', cell: ([, n]) => n },
          ]))),
        table(rows.slice(0, 500), [
          { label: t('common.when'), cell: (r) => h('span', { class: afterHours(r) ? 'overdue' : '' }, dt(r.at)) },
          { label: t('audit.filter.user'), cell: (r) => filterLink('user', r.user, r.user_name ?? r.user ?? '—') },
          { label: t('audit.filter.account'), cell: (r) => r.account_id ? link(`#/accounts/${enc(r.account_id)}`, r.account_name ?? r.account_id) : r.account_name ?? '—' },
          { label: t('common.what'), cell: (r) => tx('access', r.action ?? 'read_file') },
        ], { rowClass: (r) => (afterHours(r) ? 'late' : '') }));
    }, { filter: () => false })), { hint: t('audit.accessHint'), wide: true }));
}
