// Complaints board: every open complaint with its next deadline; overdue ones first and red.

import { h } from '../dom';
import { get, post, qs, items, enc } from '../api';
import { t, tx, type Key } from '../i18n';
import type { Complaint } from '../model';
import { app } from '../state';
import { card, table, badge, dt, liveSection, link, select, errorBox, toast, toastError } from '../ui';
import { sortByName } from '../format';
import type { AccountSummary } from '../model';
import { complaintForm } from './create';

/** R-C2: the next step of each state (closed ones can be reopened). */
export const NEXT_STEP: Record<string, string> = {
  open: 'assign', reopened: 'assign', assigned: 'contact', contacted: 'plan', planned: 'resolve', resolved: 'follow-up', followed_up: 'close', closed: 'reopen',
};

function nextStep(c: Complaint): Node | null {
  const step = NEXT_STEP[c.state ?? ''];
  if (!step) return null;
  const ph = step === 'assign' ? t('complaints.assignTo') : step === 'plan' ? t('complaints.measures') : t('common.note');
  const input = h('input', { name: 'text', placeholder: ph, 'aria-label': ph, required: step === 'assign' || step === 'plan' || step === 'reopen' });
  const form = h('form', {
    class: 'inline step-form',
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const v = input.value.trim();
      const body = step === 'assign' ? { assignee: v } : step === 'plan' ? { measures: v } : step === 'reopen' ? { reason: v } : { note: v || undefined };
      try { await post(`/api/complaints/${enc(c.id)}/${step}`, body, { ifMatch: c.version }); toast(t('common.saved')); } catch (e) { toastError(e); }
    },
  }, input, h('button', { type: 'submit', class: 'small' }, t(`complaints.step.${step}` as Key)));
  return form;
}

function openComplaint(): HTMLElement {
  const box = h('details', { class: 'quick' }, h('summary', null, t('create.openComplaint')));
  box.addEventListener('toggle', async () => {
    if (!box.open || box.querySelector('form')) return;
    try { box.append(complaintForm(sortByName(items<AccountSummary>(await get('/api/accounts')), (a) => a.name))); } catch (e) { box.append(errorBox(e)); }
  });
  return box;
}

const STATES = ['open', 'assigned', 'contacted', 'planned', 'resolved', 'followed_up', 'closed', 'reopened'];
const SEV_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

export function renderComplaints(root: HTMLElement, _p: string[], query: URLSearchParams): void {
  const state = query.get('state') ?? '';
  const filter = select('state', [['', `${t('common.status')}: ${t('common.all')}`], ...STATES.map((s): [string, string] => [s, tx('cstate', s)])], state, {
    onchange: (ev: Event) => { const v = (ev.target as HTMLSelectElement).value; location.hash = v ? `#/complaints?state=${v}` : '#/complaints'; },
  });
  root.append(h('h1', null, t('complaints.title')), card(filter, liveSection(async () => {
    const now = app.serverNow().toISOString();
    const list = items<Complaint>(await get(qs('/api/complaints', { state })));
    const late = (c: Complaint) => c.overdue ?? (!!c.next_deadline && new Date(c.next_deadline).toISOString() < now);
    list.sort((a, b) => Number(late(b)) - Number(late(a)) || (SEV_RANK[a.severity ?? ''] ?? 3) - (SEV_RANK[b.severity ?? ''] ?? 3) || String(a.next_deadline ?? '9').localeCompare(String(b.next_deadline ?? '9')));
    return table(list, [
      { label: t('complaints.content'), cell: (c) => h('div', null, h('b', null, c.content ?? '—'), h('small', { class: 'sub' }, c.account_id ? link(`#/accounts/${enc(c.account_id)}`, c.account_name ?? c.account_id) : c.account_name ?? '')) },
      { label: t('complaints.severity'), cell: (c) => c.severity ? badge(tx('severity', c.severity), `sev-${c.severity}`) : '—' },
      { label: t('common.status'), cell: (c) => tx('cstate', c.state) },
      { label: t('complaints.assignee'), cell: (c) => c.assignee_name ?? '—' },
      { label: t('complaints.opened'), cell: (c) => dt(c.opened_at) },
      { label: t('complaints.deadline'), cell: (c) => c.next_deadline ? h('span', { class: late(c) ? 'overdue' : '' }, dt(c.next_deadline), late(c) ? ` · ${t('complaints.overdue')}` : '') : '—' },
      { label: t('complaints.next'), class: 'act', cell: (c) => nextStep(c) },
    ], { empty: t('complaints.none'), rowClass: (c) => (late(c) ? 'late' : '') });
  }, { filter: (e) => e.stream.startsWith('complaint') }), { wide: true }),
  card('', openComplaint(), { wide: true }));
}
