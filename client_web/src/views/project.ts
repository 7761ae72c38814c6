// The project page: status and only its allowed next actions, the weekly update, the credit
// split, the conflict review and the history timeline.

import { h } from '../dom';
import { get, post, qs, items, enc } from '../api';
import { t } from '../i18n';
import { sortByName } from '../format';
import { allowedActions, type ApiEvent, type CreditShare, type Project, type User } from '../model';
import { card, table, projectStaleBadge, statusBadge, money, d, dt, pct, liveSection, link, dl, toast, toastError, select } from '../ui';
import { updateForm } from './forms';
import { decisionForm } from './decide';
import { timeline } from './timeline';

export function renderProject(root: HTMLElement, [id]: string[]): void {
  const mine = (e: { stream: string }) => e.stream === `project-${id}`;
  root.append(liveSection(async () => projectPage(await get<Project>(`/api/projects/${enc(id!)}`)), { filter: mine }));
}

export function projectHead(p: Project): HTMLElement {
  return h('div', { class: 'page-head' },
    h('div', null,
      h('h1', null, p.name, ' ', h('span', { 'data-testid': 'project-status' }, statusBadge(p.status)), ' ', projectStaleBadge(p)),
      h('p', { class: 'sub' }, [p.number ? `№ ${p.number}` : '', p.account_name, p.owner_name ? `${t('common.owner')}: ${p.owner_name}` : ''].filter(Boolean).join(' · '))),
    p.account_id ? link(`#/accounts/${enc(p.account_id)}`, `${t('project.account')} →`, { class: 'button ghost' }) : null);
}

export function projectFacts(p: Project): HTMLElement {
  return dl([
    [t('project.number'), p.number], [t('project.account'), p.account_name], [t('project.endUser'), p.end_user],
    [t('common.owner'), p.owner_name ?? p.owner], [t('common.unit'), p.org_unit_name ?? p.org_unit],
    [t('project.products'), p.products], [t('project.amount'), money(p.contract_amount_fen)],
    [t('project.probability'), pct(p.win_probability)], [t('project.margin'), pct(p.margin_pct)],
    [t('project.signing'), d(p.expected_signing_date)], [t('project.stage'), p.stage],
    [t('project.lastUpdate'), p.last_update_at ? `${dt(p.last_update_at)} (${t('common.daysAgo', { n: p.days_since_update ?? '?' })})` : null],
  ]);
}

function projectPage(p: Project): Node {
  const actions = allowedActions(p);
  return h('div', { class: 'project' },
    projectHead(p),
    h('div', { class: 'grid' },
      card(t('project.actions'), actionsPanel(p, actions), { id: 'project-actions' }),
      card(t('project.name'), projectFacts(p)),
      actions.includes('update') ? card(t('project.updateTitle'), updateForm(p, () => {}), { id: 'project-update' }) : null,
      card(t('project.creditSplit'), creditSplit(p, actions.includes('credit_split')), { hint: t('project.creditHint') }),
      p.conflict || p.status === 'conflict_review' ? card(t('project.conflict'), conflictPanel(p)) : null,
      card(t('project.history'), liveSection(() => history(p.id), { filter: (e) => e.stream === `project-${p.id}` }), { hint: t('project.historyHint'), wide: true, id: 'project-history' })));
}

function actionsPanel(p: Project, actions: string[]): Node {
  const base = `/api/projects/${enc(p.id)}`;
  const blocks: Node[] = [];
  const has = (a: string) => actions.includes(a);
  if (has('approve') || has('defer') || has('reject') || has('decision')) {
    const all = has('decision');
    blocks.push(decisionForm(`${base}/decision`, [
      ...(all || has('approve') ? [{ decision: 'approve', label: t('project.action.approve'), kind: 'primary' as const }] : []),
      ...(all || has('defer') ? [{ decision: 'defer', label: t('project.action.defer'), reasonRequired: true }] : []),
      ...(all || has('reject') ? [{ decision: 'reject', label: t('project.action.reject'), kind: 'danger' as const, reasonRequired: true }] : []),
    ], { ifMatch: p.version }));
  }
  if (has('conflict_review')) {
    blocks.push(decisionForm(`${base}/conflict-review`, [
      { decision: 'no_conflict', label: t('project.action.no_conflict'), kind: 'primary' },
      { decision: 'conflict', label: t('project.action.conflict'), kind: 'danger', reasonRequired: true },
    ], { ifMatch: p.version }));
  }
  if (has('contract_signed')) {
    blocks.push(h('button', {
      type: 'button', class: 'primary',
      onclick: async () => { try { await post(`${base}/contract-signed`, {}, { ifMatch: p.version }); toast(t('common.saved')); } catch (e) { toastError(e); } },
    }, t('project.action.contract_signed')));
  }
  if (has('close')) {
    blocks.push(h('details', { class: 'quick' }, h('summary', null, t('project.action.close')),
      decisionForm(`${base}/close`, [{ decision: 'close', label: t('project.action.close'), kind: 'danger', reasonRequired: true }], { ifMatch: p.version, bodyKey: '' })));
  }
  if (has('reactivation')) {
    blocks.push(decisionForm(`${base}/reactivation`, [{ decision: 'reactivation', label: t('project.action.reactivation'), kind: 'primary', reasonRequired: true }], { ifMatch: p.version, bodyKey: '' }));
  }
  if (has('reactivation_review')) {
    blocks.push(decisionForm(`${base}/reactivation/review`, [
      { decision: 'approve', label: t('project.action.reactivation_approve'), kind: 'primary' },
      { decision: 'reject', label: t('project.action.reactivation_reject'), kind: 'danger', reasonRequired: true },
    ], { ifMatch: p.version }));
  }
  if (has('update')) blocks.push(h('a', { href: '#project-update', class: 'button', onclick: (ev: Event) => { ev.preventDefault(); document.querySelector<HTMLTextAreaElement>('#project-update textarea')?.focus(); } }, t('project.action.update')));
  return h('div', { class: 'actions', 'data-testid': 'actions', 'data-actions': actions.join(' ') },
    h('p', null, t('common.status'), ': ', statusBadge(p.status)),
    blocks.length ? blocks : h('p', { class: 'empty' }, t('project.noActions')));
}

function creditSplit(p: Project, editable: boolean): Node {
  const shares = p.credit_split ?? [];
  const view = table(shares, [
    { label: t('common.who'), cell: (s) => s.user_name ?? s.user },
    { label: '%', class: 'num', cell: (s) => h('span', { class: 'weight' }, h('i', { style: `width:${s.percent}%` }), `${s.percent}%`) },
  ]);
  if (!editable) return view;
  const rows = h('div', { class: 'split-rows' });
  const sum = h('p', { class: 'sub' });
  let users: User[] = [];
  const recompute = () => {
    const n = [...rows.querySelectorAll<HTMLInputElement>('input[type=number]')].reduce((a, i) => a + (Number(i.value) || 0), 0);
    sum.textContent = t('project.creditSum', { n });
    sum.classList.toggle('overdue', n !== 100);
  };
  const addRow = (s?: CreditShare) => {
    const opts: [string, string][] = sortByName(users, (u) => u.display_name ?? u.username).map((u) => [u.id, u.display_name ?? u.username]);
    if (s && !opts.some(([v]) => v === s.user)) opts.unshift([s.user, s.user_name ?? s.user]);
    rows.append(h('div', { class: 'split-row' },
      select('user', opts, s?.user),
      h('input', { type: 'number', min: 0, max: 100, step: 1, value: s?.percent ?? 0, oninput: recompute }),
      h('button', { type: 'button', class: 'ghost small', onclick: (ev: Event) => { (ev.target as HTMLElement).parentElement!.remove(); recompute(); } }, '×')));
    recompute();
  };
  void get(qs('/api/users', { role: 'sales' })).then((r) => { users = items<User>(r); }).catch(() => {}).finally(() => {
    if (shares.length) shares.forEach(addRow); else addRow({ user: p.owner ?? '', user_name: p.owner_name, percent: 100 });
  });
  const save = h('button', {
    type: 'button', class: 'primary',
    onclick: async () => {
      const splits = [...rows.querySelectorAll('.split-row')].map((r) => ({ user: (r.querySelector('select') as HTMLSelectElement).value, percent: Number((r.querySelector('input') as HTMLInputElement).value) }));
      try { await post(`/api/projects/${enc(p.id)}/credit-split`, { splits }, { ifMatch: p.version }); toast(t('common.saved')); } catch (e) { toastError(e); }
    },
  }, t('project.action.credit_split'));
  return h('div', null, view, h('details', { class: 'quick' }, h('summary', null, t('project.action.credit_split')), rows, sum,
    h('div', { class: 'btn-row' }, h('button', { type: 'button', class: 'ghost', onclick: () => addRow() }, t('project.addPerson')), save)));
}

function conflictPanel(p: Project): Node {
  const c = p.conflict?.candidates ?? [];
  if (c.length === 0) return h('p', { class: 'empty ok' }, t('project.noConflict'));
  return h('div', null, h('p', null, t('project.conflictWith')), table(c, [
    { label: t('project.name'), cell: (x) => link(`#/projects/${enc(x.project_id)}`, x.name ?? x.project_id) },
    { label: t('common.owner'), cell: (x) => x.owner_name ?? '—' },
    { label: t('common.reason'), cell: (x) => x.reason ?? '—' },
  ]));
}

/** All events of the project's stream, paging with `after`. */
export async function streamEvents(stream: string, until?: string): Promise<ApiEvent[]> {
  const out: ApiEvent[] = [];
  let after: number | null = 0;
  for (let page = 0; page < 50 && after !== null; page++) {
    const res: { items?: ApiEvent[]; next?: number | string | null } = await get<{ items?: ApiEvent[]; next?: number | string | null }>(qs('/api/events', { stream, after, limit: 500, to: until }));
    const batch: ApiEvent[] = items<ApiEvent>(res);
    out.push(...batch);
    const next: number | string | null | undefined = res && !Array.isArray(res) ? res.next : null;
    after = next === null || next === undefined || batch.length === 0 ? null : Number(next);
  }
  return out;
}

async function history(id: string): Promise<Node> {
  return timeline(await streamEvents(`project-${id}`));
}
