import { describe, it, expect } from 'vitest';
import { densityMarks, tracksStaleness, actionsForStatus, allowedActions, compareByStaleness, navFor, stalenessOf, type Project } from '../src/model';
import { foldChanges, humanType } from '../src/views/timeline';
import { addMonths } from '../src/views/forecast';
import { treeOrder } from '../src/views/admin';
import { ApiError, items, nextCursor, qs } from '../src/api';
import { setLang } from '../src/i18n';

const p = (x: Partial<Project>): Project => ({ id: 'p', version: 1, name: 'x', status: 'approved', ...x });

describe('staleness', () => {
  it('classifies by the server field, else by days since update', () => {
    expect(stalenessOf(p({ days_since_update: 3 }))).toBe('fresh');
    expect(stalenessOf(p({ days_since_update: 14 }))).toBe('stale_2w');
    expect(stalenessOf(p({ days_since_update: 30 }))).toBe('stale_1m');
    expect(stalenessOf(p({ status: 'on_hold', days_since_update: 5 }))).toBe('on_hold');
    expect(stalenessOf(p({ staleness: 'stale_1m', days_since_update: 1 }))).toBe('stale_1m');
  });
  it('sorts approved projects by days since update, then on hold, pending, finished', () => {
    const list = [p({ name: 'a', days_since_update: 3 }), p({ name: 'b', days_since_update: 40 }), p({ name: 'c', status: 'on_hold', days_since_update: 95 }),
      p({ name: 'd', days_since_update: 15 }), p({ name: 'e', status: 'contract_signed', days_since_update: 60 }), p({ name: 'f', status: 'registered', days_since_update: 1 })];
    expect(list.sort(compareByStaleness).map((x) => x.name)).toEqual(['b', 'd', 'a', 'c', 'f', 'e']);
    expect(tracksStaleness({ status: 'contract_signed' })).toBe(false);
  });
});

describe('project status machine', () => {
  it('offers only the next actions of the status', () => {
    expect(actionsForStatus('approved')).toEqual(['update', 'credit_split', 'contract_signed', 'close']);
    expect(actionsForStatus('deferred')).toEqual(['approve', 'reject']);
    expect(actionsForStatus('closed')).toEqual([]);
    expect(allowedActions(p({ status: 'approved', allowed_actions: ['update'] }))).toEqual(['update']);
  });
  it('every role has a first view', () => {
    for (const r of ['sales', 'manager', 'vp', 'business_office', 'gm', 'product_manager', 'info_admin', 'auditor', 'admin'] as const) expect(navFor(r).length).toBeGreaterThan(0);
    expect(navFor('manager')[0]).toBe('alerts');
    expect(navFor('sales')[0]).toBe('mywork');
  });
});

describe('history timeline', () => {
  it('derives before → after by folding the stream', () => {
    const ev = (seq: number, type: string, data: Record<string, unknown>) => ({ seq, stream: 'project-1', type, data });
    const changes = foldChanges([
      ev(1, 'ProjectRegistered', { name: 'X', status: 'registered', win_probability: 30, note: 'hi' }),
      ev(2, 'ProjectApproved', { status: 'approved' }),
      ev(3, 'ProjectUpdated', { win_probability: 50, status: 'approved' }),
      ev(4, 'ProjectUpdated', { changes: { stage: { before: 'a', after: 'b' } } }),
    ]);
    expect(changes[0]!.map((c) => c.field)).toEqual(['name', 'status', 'win_probability']);
    expect(changes[1]).toEqual([{ field: 'status', before: 'registered', after: 'approved' }]);
    expect(changes[2]).toEqual([{ field: 'win_probability', before: 30, after: 50 }]);
    expect(changes[3]).toEqual([{ field: 'stage', before: 'a', after: 'b' }]);
  });
  it('humanises event types', () => {
    expect(humanType('ProjectUpdated')).toBe('Project updated');
    expect(humanType('reminder_raised')).toBe('Reminder raised');
  });
});

describe('helpers', () => {
  it('month arithmetic', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
  it('org tree order', () => {
    const order = treeOrder([
      { id: 'd1', name: '华东销售部', parent_id: 'v1', kind: 'department' },
      { id: 'c', name: '总公司', parent_id: null, kind: 'company' },
      { id: 'v1', name: '东区', parent_id: 'c', kind: 'vp_area' },
      { id: 'd2', name: '北方销售部', parent_id: 'v1', kind: 'department' },
    ]);
    expect(order.map((x) => `${x.depth}:${x.unit.id}`)).toEqual(['0:c', '1:v1', '2:d2', '2:d1']);
  });
  it('query strings, list shapes', () => {
    expect(qs('/api/projects', { owner: 'me', stale: '', x: null })).toBe('/api/projects?owner=me');
    expect(items({ items: [1, 2], next: null })).toEqual([1, 2]);
    expect(items([3])).toEqual([3]);
    expect(items({})).toEqual([]);
    expect(nextCursor({ items: [], next: 17 })).toBe('17');
    expect(nextCursor({ items: [] })).toBeNull();
  });
  it('error messages are translated where the code is known', () => {
    setLang('zh', null);
    expect(new ApiError(403, 'forbidden', 'nope').display()).toBe('您无权执行此操作。');
    expect(new ApiError(422, 'rule_violation', '', { rule: 'R-A4' }).display()).toBe('违反规则 R-A4，操作被拒绝。');
    expect(new ApiError(418, 'teapot', 'I am a teapot').display()).toBe('I am a teapot');
    setLang('en', null);
  });
});

describe('densityMarks (audit slider)', () => {
  it('spreads the events between two samples over the time they span', () => {
    // 100 events in the first tenth of the span, 10 in the last nine tenths
    const marks = densityMarks([[0, 0], [100, 99], [110, 999]], 0, 1000, 10);
    expect(marks[0]).toBe(1);
    expect(marks.slice(1).every((v) => v > 0 && v < 0.02)).toBe(true);
  });
  it('is all zero without samples', () => {
    expect(densityMarks([], 0, 10, 4)).toEqual([0, 0, 0, 0]);
  });
});
