// The account file (R-A9: reading it is logged — the page says so): profile, tier, named status
// and the application's steps, key-person map, visits, complaints, surveys, projects.

import { h } from '../dom';
import { get, post, items, enc, ApiError } from '../api';
import { t, tx } from '../i18n';
import { sortByName } from '../format';
import { type AccountFile, type NamedStep, type Visit } from '../model';
import { app } from '../state';
import { card, table, badge, projectStaleBadge, projectRowClass, statusBadge, money, d, dt, pct, liveSection, link, dl, errorBox, toast, toastError } from '../ui';
import { visitForm } from './forms';
import { keyPersonForm } from './create';

export async function renderAccount(root: HTMLElement, [id]: string[]): Promise<void> {
  const streamOf = (e: { stream: string; data?: Record<string, unknown> }) => aboutAccount(e, id!);
  root.append(liveSection(async () => {
    let a: AccountFile;
    try {
      a = await get<AccountFile>(`/api/accounts/${enc(id!)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) return h('div', { class: 'forbidden', 'data-testid': 'forbidden' }, h('div', { class: 'lock', 'aria-hidden': 'true' }), h('p', null, t('account.forbidden')));
      throw e;
    }
    return accountFile(a);
  }, { filter: streamOf, onReconnect: false }));
}

/** Events about an account: on its stream, or naming it in data.account_id (e.g. a visit's own stream). */
function aboutAccount(e: { stream: string; data?: Record<string, unknown> }, id: string): boolean {
  return e.stream === `account-${id}` || e.data?.account_id === id;
}

export function accountFile(a: AccountFile, opts: { asOf?: boolean } = {}): Node {
  const named = a.named_status ?? (a.kind === 'named' ? 'named' : 'none');
  return h('div', { class: 'account-file' },
    h('div', { class: 'page-head' },
      h('div', null,
        h('h1', null, a.name, ' ', a.tier ? badge(a.tier, `tier-${a.tier}`) : null, ' ', badge(tx('account.named', named), `named-${named}`)),
        h('p', { class: 'sub' }, [a.code, a.owner_name ? `${t('common.owner')}: ${a.owner_name}` : ''].filter(Boolean).join(' · '))),
      opts.asOf ? null : h('p', { class: 'logged-note', 'data-testid': 'access-logged' }, h('b', null, 'R-A9 '), t('account.loggedNote'))),
    h('div', { class: 'grid' },
      card(t('account.profile'), dl([
        [t('account.creditCode'), a.credit_code], [t('account.nature'), a.nature], [t('account.industry'), a.industry],
        [t('account.scale'), a.scale], [t('account.region'), a.region], [t('account.source'), a.source],
        [t('account.payment'), a.payment_habit], [t('account.funding'), a.funding_status], [t('account.creditNotes'), a.credit_notes],
        [t('account.affiliates'), a.affiliates?.length ? h('ul', { class: 'plain' }, a.affiliates.map((f) => h('li', null, f.id ? link(`#/accounts/${enc(f.id)}`, f.name) : f.name, f.relation ? ` (${f.relation})` : ''))) : null],
      ])),
      opts.asOf ? null : card(t('account.application'), namedApplication(a, named)),
      card(t('account.keyPersons'), h('div', null, keyPersons(a), opts.asOf || !['sales', 'info_admin', 'manager'].includes(app.user?.role ?? '') ? null
        : h('details', { class: 'quick' }, h('summary', null, t('create.addKeyPerson')), keyPersonForm(a.id))), { wide: true }),
      opts.asOf ? null : card(t('account.visits'), liveSection(() => visits(a), { filter: (e) => aboutAccount(e, a.id) })),
      card(t('account.projects'), table(a.projects ?? [], [
        { label: t('project.name'), cell: (p) => link(`#/projects/${enc(p.id)}`, p.name) },
        { label: t('common.status'), cell: (p) => statusBadge(p.status) },
        { label: t('common.owner'), cell: (p) => p.owner_name ?? '—' },
        { label: t('project.amount'), class: 'num', cell: (p) => money(p.contract_amount_fen) },
        { label: '', cell: (p) => projectStaleBadge(p) },
      ], { rowClass: projectRowClass })),
      card(t('account.complaints'), table(a.complaints ?? [], [
        { label: t('complaints.content'), cell: (c) => c.content ?? '—' },
        { label: t('complaints.severity'), cell: (c) => c.severity ? badge(tx('severity', c.severity), `sev-${c.severity}`) : '—' },
        { label: t('common.status'), cell: (c) => tx('cstate', c.state) },
        { label: t('complaints.opened'), cell: (c) => d(c.opened_at) },
      ])),
      card(t('account.surveys'), table(a.surveys ?? [], [
        { label: t('common.when'), cell: (s) => d(s.at) },
        { label: '', cell: (s) => Object.entries(s.scores ?? {}).map(([k, v]) => `${k} ${v}`).join(' · ') },
        { label: t('common.note'), cell: (s) => s.comment ?? '' },
      ]))));
}

function keyPersons(a: AccountFile): Node {
  const list = sortByName(a.key_persons ?? [], (k) => k.name).sort((x, y) => (y.decision_weight ?? 0) - (x.decision_weight ?? 0));
  return table(list, [
    { label: t('account.kp.name'), cell: (k) => h('div', null, h('b', null, k.name), h('small', { class: 'sub' }, k.title ?? '')) },
    { label: t('account.kp.role'), cell: (k) => k.decision_role ? badge(tx('kp.role', k.decision_role), `role-${k.decision_role}`) : '—' },
    { label: t('account.kp.relationship'), cell: (k) => k.relationship ? badge(tx('kp.rel', k.relationship), `rel-${k.relationship}`) : '—' },
    { label: t('account.kp.weight'), cell: (k) => typeof k.decision_weight === 'number' ? h('span', { class: 'weight' }, h('i', { style: `width:${Math.max(0, Math.min(100, k.decision_weight))}%` }), pct(k.decision_weight)) : '—' },
    { label: t('account.kp.knownBy'), cell: (k) => k.known_by_name ?? '—' },
    { label: t('account.kp.next'), cell: (k) => k.next_contact ? h('span', { class: k.next_contact <= app.serverNow().toISOString().slice(0, 10) ? 'overdue' : '' }, d(k.next_contact)) : '—' },
  ]);
}

async function visits(a: AccountFile): Promise<Node> {
  const list = items<Visit>(await get(`/api/accounts/${enc(a.id)}/visits`));
  list.sort((x, y) => String(y.occurred_at ?? y.date ?? '').localeCompare(String(x.occurred_at ?? x.date ?? '')));
  return h('div', null,
    table(list.slice(0, 20), [
      { label: t('visit.date'), cell: (v) => d(v.occurred_at ?? v.date) },
      { label: t('visit.kind'), cell: (v) => tx('visit.kind', v.kind ?? 'visit') },
      { label: t('visit.people'), cell: (v) => v.people_met ?? '—' },
      { label: t('visit.content'), cell: (v) => v.content ?? v.report ?? '—' },
    ]),
    h('details', { class: 'quick' }, h('summary', null, t('visit.title')), visitForm([], () => {}, a.id)));
}

function namedApplication(a: AccountFile, named: string): Node {
  const host = liveSection(async () => {
    let steps: NamedStep[] = [];
    try {
      const res = await get<{ steps?: NamedStep[] } | NamedStep[]>(`/api/accounts/${enc(a.id)}/named-application`);
      steps = Array.isArray(res) ? res : res.steps ?? [];
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) return errorBox(e);
    }
    const canApply = app.user?.role === 'sales' && (named === 'none' || named === 'revoked') && steps.length === 0;
    return h('div', null,
      dl([[t('account.namedStatus'), tx('account.named', named)]]),
      steps.length ? h('ol', { class: 'steps' }, steps.map((s) => h('li', { class: `step d-${s.decision ?? 'pending'}` },
        h('b', null, tx('step', s.step)), ' ',
        s.decision ? badge(s.decision === 'approve' ? t('common.approve') : s.decision === 'reject' ? t('common.reject') : s.decision, `dec-${s.decision}`) : null,
        h('small', { class: 'sub' }, [s.actor_name ?? s.actor, dt(s.at)].filter(Boolean).join(' · ')),
        s.reason ? h('p', null, s.reason) : null))) : null,
      canApply ? h('button', {
        class: 'primary', type: 'button',
        onclick: async () => {
          try { await post(`/api/accounts/${enc(a.id)}/named-application`, {}); toast(t('common.saved')); } catch (e) { toastError(e); }
        },
      }, t('account.apply')) : null);
  }, { filter: (e) => aboutAccount(e, a.id) });
  return host;
}
