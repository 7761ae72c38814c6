// History timeline of one stream: who, what, when, before → after.
// "Before" comes from folding the stream's earlier events (each event's data fields are the
// values after it); an event may also carry data.changes {field: {before, after}} directly.

import { h } from '../dom';
import { t, tx, type Key } from '../i18n';
import type { ApiEvent } from '../model';
import { dt, money } from '../ui';

export interface Change { field: string; before: unknown; after: unknown }

const HIDDEN = new Set(['id', 'version', 'changes', 'note', 'reason', 'account_id', 'project_id']);

/** Pure: per event, the fields it changed with their previous values. */
export function foldChanges(events: ApiEvent[]): Change[][] {
  const known = new Map<string, unknown>();
  return events.map((e) => {
    const data = e.data ?? {};
    const out: Change[] = [];
    const explicit = data.changes;
    if (explicit && typeof explicit === 'object' && !Array.isArray(explicit)) {
      for (const [field, v] of Object.entries(explicit as Record<string, { before?: unknown; after?: unknown }>)) {
        out.push({ field, before: v?.before, after: v?.after });
        known.set(field, v?.after);
      }
      return out;
    }
    for (const [field, after] of Object.entries(data)) {
      if (HIDDEN.has(field) || (after !== null && typeof after === 'object')) continue;
      const before = known.get(field);
      if (before !== after) out.push({ field, before, after });
      known.set(field, after);
    }
    return out;
  });
}

const FIELD_LABELS: Record<string, Key> = {
  name: 'project.name', number: 'project.number', status: 'common.status', stage: 'project.stage',
  win_probability: 'project.probability', contract_amount_fen: 'project.amount', margin_pct: 'project.margin',
  expected_signing_date: 'project.signing', end_user: 'project.endUser', products: 'project.products',
  owner: 'common.owner', tier: 'accounts.tier', kind: 'accounts.kind', named_status: 'account.namedStatus',
};

/** A field's label in the UI language, else its raw name. */
export function fieldLabel(field: string): string {
  const k = FIELD_LABELS[field];
  return k ? t(k) : field;
}

function show(field: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return '∅';
  if (field.endsWith('_fen')) return money(v);
  if (field === 'status') return tx('status', v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return dt(v);
  return String(v);
}

/** Event type "ProjectUpdated" → "Project updated" (server may add a label). */
export function humanType(type: string): string {
  const spaced = type.replace(/[_.-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

export function timeline(events: ApiEvent[]): HTMLElement {
  if (events.length === 0) return h('p', { class: 'empty' }, t('common.empty'));
  const changes = foldChanges(events);
  const rows = events.map((e, i) => ({ e, c: changes[i]! })).reverse();
  return h('ol', { class: 'timeline', 'data-testid': 'timeline' }, rows.map(({ e, c }) => {
    const note = (e.data?.note ?? e.data?.reason) as string | undefined;
    return h('li', { 'data-seq': e.seq },
      h('div', { class: 'tl-head' },
        h('b', null, humanType(e.type)),
        h('span', { class: 'sub' }, `${e.actor_name ?? e.actor ?? '—'} · ${dt(e.occurred_at)} · #${e.seq}`)),
      c.length ? h('ul', { class: 'changes' }, c.map((x) => h('li', null,
        h('span', { class: 'field-name', title: x.field }, fieldLabel(x.field)), ' ', h('span', { class: 'before' }, show(x.field, x.before)), ' → ', h('span', { class: 'after' }, show(x.field, x.after))))) : null,
      note ? h('p', { class: 'tl-note' }, note) : null);
  }));
}
