// My work (salesperson): projects by staleness with a one-click weekly update, open reminders,
// accounts due for a visit, and a quick visit log.

import { h } from '../dom';
import { get, qs, items, enc } from '../api';
import { t, tx } from '../i18n';
import { sortByName } from '../format';
import { compareByStaleness, type AccountSummary, type Project, type Reminder } from '../model';
import { errorBox, card, table, projectStaleBadge, projectRowClass, statusBadge, money, d, dt, pct, liveSection, link } from '../ui';
import { updateForm, visitForm } from './forms';
import { projectForm } from './create';
import { markRendered } from '../perf';

function registerProject(): HTMLElement {
  const box = h('details', { class: 'quick' }, h('summary', null, t('create.registerProject')));
  box.addEventListener('toggle', async () => {
    if (!box.open || box.querySelector('form')) return;
    try {
      const accounts = sortByName(items<AccountSummary>(await get('/api/accounts')), (a) => a.name);
      box.append(projectForm(accounts));
    } catch (e) { box.append(errorBox(e)); }
  });
  return box;
}

export function renderMyWork(root: HTMLElement): void {
  root.append(
    h('h1', null, t('mywork.title')),
    h('div', { class: 'grid' },
      card(t('mywork.projects'), liveSection(loadProjects, { onReminder: true }), { hint: t('mywork.projectsHint'), wide: true, id: 'my-projects' }),
      card(t('mywork.reminders'), liveSection(loadReminders, { onReminder: true }), { id: 'my-reminders' }),
      card(t('mywork.visitsDue'), liveSection(loadVisitsDue, { filter: (e) => e.stream.startsWith('account') || e.type.toLowerCase().includes('visit') }), { id: 'visits-due' }),
      card('', registerProject(), { wide: true })));
}

async function loadProjects(): Promise<Node> {
  const list = items<Project>(await get(qs('/api/projects', { owner: 'me' }))).sort(compareByStaleness);
  const wrap = h('div');
  const tbl = table(list, [
    { label: t('project.name'), cell: (p) => h('div', null, link(`#/projects/${enc(p.id)}`, p.name), h('small', { class: 'sub' }, p.account_name ?? '')) },
    { label: t('common.status'), cell: (p) => statusBadge(p.status) },
    { label: t('project.sinceUpdate'), class: 'num', cell: (p) => h('span', { class: 'days' }, p.days_since_update === undefined ? '—' : t('common.days', { n: p.days_since_update })) },
    { label: '', cell: (p) => projectStaleBadge(p) },
    { label: t('project.amount'), class: 'num', cell: (p) => money(p.contract_amount_fen) },
    { label: t('project.probability'), class: 'num', cell: (p) => pct(p.win_probability) },
    { label: t('project.signing'), cell: (p) => d(p.expected_signing_date) },
    {
      label: '', class: 'act', cell: (p) => p.status === 'approved'
        ? h('button', {
          class: 'small', type: 'button', 'data-testid': 'quick-update',
          onclick: (ev: Event) => {
            const tr = (ev.target as HTMLElement).closest('tr')!;
            const next = tr.nextElementSibling;
            if (next?.classList.contains('inline-form')) { next.remove(); return; }
            const row = h('tr', { class: 'inline-form' }, h('td', { colspan: 8 }, updateForm(p, () => row.remove())));
            tr.after(row);
            row.querySelector('textarea')?.focus();
          },
        }, t('mywork.update'))
        : null,
    },
  ], { empty: t('mywork.noProjects'), rowClass: projectRowClass, rowAttrs: (p) => ({ 'data-project-id': p.id }) });
  wrap.append(tbl);
  // "First meaningful paint of My work" (issue 6): the project list with its rows.
  if (list.length > 0) markRendered('kl:mywork-projects');
  return wrap;
}

async function loadReminders(): Promise<Node> {
  const list = items<Reminder>(await get(qs('/api/reminders', { state: 'open' })));
  list.sort((a, b) => String(a.due_at ?? '').localeCompare(String(b.due_at ?? '')));
  if (list.length === 0) return h('p', { class: 'empty ok' }, t('mywork.noReminders'));
  return h('ul', { class: 'reminder-list' }, list.map((r) => h('li', { class: `rk-${r.kind}` },
    h('b', null, tx('reminder', r.kind)),
    h('span', null, subjectLink(r)),
    h('small', null, `${t('alerts.due')} ${dt(r.due_at)}`))));
}

export function subjectLink(r: Reminder): Node {
  const name = r.subject_name ?? r.subject_id;
  if (r.subject_type === 'project') return link(`#/projects/${enc(r.subject_id)}`, name);
  if (r.subject_type === 'account') return link(`#/accounts/${enc(r.subject_id)}`, name);
  return document.createTextNode(name);
}

async function loadVisitsDue(): Promise<Node> {
  const mine = sortByName(items<AccountSummary>(await get(qs('/api/accounts', { owner: 'me' }))), (a) => a.name);
  const due = mine.filter((a) => a.visit_due);
  const body = h('div');
  const refresh = () => { /* the feed event of the new visit reloads this section */ };
  body.append(
    due.length === 0 ? h('p', { class: 'empty ok' }, t('mywork.allVisited')) : table(due, [
      { label: t('visit.account'), cell: (a) => h('div', null, link(`#/accounts/${enc(a.id)}`, a.name), h('small', { class: 'sub' }, [a.code, a.tier].filter(Boolean).join(' · '))) },
      { label: t('visit.lastVisit'), cell: (a) => d(a.last_visit_at) },
      { label: t('visit.due'), cell: (a) => h('span', { class: 'overdue' }, d(a.next_visit_due)) },
    ]),
    mine.length === 0 ? '' : h('details', { class: 'quick', open: due.length > 0 }, h('summary', null, t('visit.title')), visitForm(due.length ? [...due, ...mine.filter((a) => !a.visit_due)] : mine, refresh)));
  return body;
}
