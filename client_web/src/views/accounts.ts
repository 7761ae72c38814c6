// Accounts: search and list (names sorted by pinyin); click through to the account file.

import { h } from '../dom';
import { get, qs, items, enc } from '../api';
import { t, tx } from '../i18n';
import { sortByName } from '../format';
import type { AccountSummary } from '../model';
import { app } from '../state';
import { accountForm } from './create';
import { card, table, badge, d, liveSection, link, select } from '../ui';

export function renderAccounts(root: HTMLElement, _p: string[], query: URLSearchParams): void {
  const q = query.get('q') ?? '';
  const tier = query.get('tier') ?? '';
  const kind = query.get('kind') ?? '';
  const form = h('form', {
    class: 'filters',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      const f = new FormData(form);
      const p = new URLSearchParams();
      for (const k of ['q', 'tier', 'kind']) { const v = String(f.get(k) ?? '').trim(); if (v) p.set(k, v); }
      location.hash = `#/accounts${p.toString() ? `?${p}` : ''}`;
    },
  },
    h('input', { name: 'q', type: 'search', value: q, placeholder: t('accounts.search'), 'aria-label': t('common.search') }),
    select('tier', [['', `${t('accounts.tier')}: ${t('common.all')}`], ['A', 'A'], ['B', 'B'], ['C', 'C']], tier),
    select('kind', [['', `${t('accounts.kind')}: ${t('common.all')}`], ['named', t('accounts.kind.named')], ['non_named', t('accounts.kind.non_named')]], kind),
    h('button', { type: 'submit' }, t('common.search')));
  root.append(h('h1', null, t('accounts.title')), card(form, liveSection(async () => {
    const list = sortByName(items<AccountSummary>(await get(qs('/api/accounts', { q, tier, kind }))), (a) => a.name);
    return table(list, [
      { label: t('accounts.code'), cell: (a) => h('code', null, a.code ?? '—') },
      { label: t('common.name'), cell: (a) => link(`#/accounts/${enc(a.id)}`, a.name) },
      { label: t('accounts.tier'), cell: (a) => a.tier ? badge(a.tier, `tier-${a.tier}`) : '—' },
      { label: t('accounts.kind'), cell: (a) => a.kind ? tx('accounts.kind', a.kind) : '—' },
      { label: t('common.owner'), cell: (a) => a.owner_name ?? a.owner ?? '—' },
      { label: t('visit.lastVisit'), cell: (a) => d(a.last_visit_at) },
      { label: t('visit.due'), cell: (a) => a.visit_due ? h('span', { class: 'overdue' }, d(a.next_visit_due)) : d(a.next_visit_due) },
    ]);
  }, { filter: (e) => e.stream.startsWith('account') }), { wide: true }),
  ['sales', 'info_admin', 'business_office'].includes(app.user?.role ?? '') ? card('', h('details', { class: 'quick' }, h('summary', null, t('create.openAccount')), accountForm()), { wide: true }) : '');
}
