// Admin: org units (a tree) and users.

import { h, formValues } from '../dom';
import { get, post, items } from '../api';
import { t, tx, type Key } from '../i18n';
import { sortByName } from '../format';
import type { Role, User } from '../model';
import { card, table, liveSection, field, select, toast, toastError } from '../ui';

interface OrgUnit { id: string; name: string; parent_id?: string | null; kind: string }
const ROLES: Role[] = ['sales', 'manager', 'vp', 'business_office', 'gm', 'product_manager', 'info_admin', 'auditor', 'admin'];

/** Depth-first order of the tree, with each unit's depth (orphans at the end). */
export function treeOrder(units: OrgUnit[]): { unit: OrgUnit; depth: number }[] {
  const children = new Map<string, OrgUnit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const p = u.parent_id && ids.has(u.parent_id) ? u.parent_id : '';
    children.set(p, [...(children.get(p) ?? []), u]);
  }
  const out: { unit: OrgUnit; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string, depth: number) => {
    for (const u of sortByName(children.get(parent) ?? [], (x) => x.name)) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

export function renderAdmin(root: HTMLElement): void {
  let units: OrgUnit[] = [];
  const unitForm = h('form', {
    class: 'form-grid', 'data-testid': 'unit-form',
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const v = formValues(unitForm);
      try { await post('/api/org-units', { id: v.id, name: v.name, parent_id: v.parent_id || null, kind: v.kind }); toast(t('admin.created')); unitForm.reset(); } catch (e) { toastError(e); }
    },
  },
    field(t('admin.unitId'), h('input', { name: 'id', required: true, pattern: '[A-Za-z0-9_-]+' })),
    field(t('admin.unitName'), h('input', { name: 'name', required: true })),
    field(t('admin.kind'), select('kind', ['company', 'vp_area', 'department'].map((k): [string, string] => [k, t(`admin.kind.${k}` as Key)]), 'department')),
    field(t('admin.parent'), h('select', { name: 'parent_id', class: 'unit-select' })),
    h('div', { class: 'form-actions' }, h('button', { class: 'primary', type: 'submit' }, t('admin.addUnit'))));
  const userForm = h('form', {
    class: 'form-grid', 'data-testid': 'user-form',
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const v = formValues(userForm);
      const password = (userForm.elements.namedItem('password') as HTMLInputElement).value;
      try { await post('/api/users', { username: v.username, display_name: v.display_name, password, role: v.role, org_unit_id: v.org_unit_id }); toast(t('admin.created')); userForm.reset(); } catch (e) { toastError(e); }
    },
  },
    field(t('admin.username'), h('input', { name: 'username', required: true, autocomplete: 'off' })),
    field(t('admin.displayName'), h('input', { name: 'display_name', required: true })),
    field(t('admin.password'), h('input', { name: 'password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' })),
    field(t('admin.role'), select('role', ROLES.map((r): [string, string] => [r, tx('role', r)]), 'sales')),
    field(t('common.unit'), h('select', { name: 'org_unit_id', class: 'unit-select', required: true })),
    h('div', { class: 'form-actions' }, h('button', { class: 'primary', type: 'submit' }, t('admin.addUser'))));

  const fillUnitSelects = () => {
    for (const s of root.querySelectorAll<HTMLSelectElement>('select.unit-select')) {
      const cur = s.value;
      s.replaceChildren(h('option', { value: '' }, '—'), ...treeOrder(units).map(({ unit, depth }) => h('option', { value: unit.id, selected: unit.id === cur }, `${'　'.repeat(depth)}${unit.name}`)));
    }
  };

  root.append(h('h1', null, t('admin.title')), h('div', { class: 'grid' },
    card(t('admin.units'), h('div', null, liveSection(async () => {
      units = items<OrgUnit>(await get('/api/org-units'));
      fillUnitSelects();
      return table(treeOrder(units), [
        { label: t('admin.unitName'), cell: ({ unit, depth }) => h('span', { style: `padding-left:${depth * 1.2}em` }, depth ? '└ ' : '', unit.name) },
        { label: t('admin.unitId'), cell: ({ unit }) => h('code', null, unit.id) },
        { label: t('admin.kind'), cell: ({ unit }) => tx('admin.kind', unit.kind) },
      ]);
    }, { filter: (e) => /org|unit/i.test(e.stream + e.type) }), h('details', { class: 'quick' }, h('summary', null, t('admin.addUnit')), unitForm))),
    card(t('admin.users'), h('div', null, liveSection(async () => {
      const users = sortByName(items<User & { org_unit_id?: string }>(await get('/api/users')), (u) => u.display_name ?? u.username);
      const unitName = (id?: string) => units.find((u) => u.id === id)?.name ?? id ?? '—';
      return table(users, [
        { label: t('admin.displayName'), cell: (u) => u.display_name ?? '—' },
        { label: t('admin.username'), cell: (u) => h('code', null, u.username) },
        { label: t('admin.role'), cell: (u) => tx('role', u.role) },
        { label: t('common.unit'), cell: (u) => unitName(u.org_unit_id ?? (typeof u.org_unit === 'string' ? u.org_unit : u.org_unit?.id)) },
      ]);
    }, { filter: (e) => /user/i.test(e.stream + e.type) }), h('details', { class: 'quick' }, h('summary', null, t('admin.addUser')), userForm)))));
}
