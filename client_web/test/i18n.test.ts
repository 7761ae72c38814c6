import { describe, it, expect } from 'vitest';
import { dictionaries, detectLang, initLang, setLang, t, tx, lang } from '../src/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    const en = Object.keys(dictionaries.en).sort();
    const zh = Object.keys(dictionaries.zh).sort();
    expect(zh).toEqual(en);
    for (const k of en as (keyof typeof dictionaries.en)[]) {
      expect(dictionaries.en[k].trim(), k).not.toBe('');
      expect(dictionaries.zh[k].trim(), k).not.toBe('');
      expect(placeholders(dictionaries.zh[k]), k).toEqual(placeholders(dictionaries.en[k]));
    }
  });

  it('translates every project status, role, reminder kind and staleness', () => {
    const need = [
      ...['registered', 'conflict_review', 'approved', 'deferred', 'rejected', 'contract_signed', 'closed', 'on_hold'].map((s) => `status.${s}`),
      ...['sales', 'manager', 'vp', 'business_office', 'gm', 'product_manager', 'info_admin', 'auditor', 'admin'].map((r) => `role.${r}`),
      ...['project_stale_2w', 'project_stale_1m', 'project_on_hold', 'visit_overdue', 'key_person_contact_due', 'complaint_overdue', 'approval_pending'].map((k) => `reminder.${k}`),
      ...['fresh', 'stale_2w', 'stale_1m', 'on_hold'].map((s) => `stale.${s}`),
      ...['unauthenticated', 'forbidden', 'not_found', 'version_conflict', 'validation_failed', 'invalid_json', 'too_large', 'rule_violation', 'rate_limited', 'unavailable'].map((c) => `error.${c}`),
    ];
    for (const k of need) expect(Object.keys(dictionaries.en), k).toContain(k);
  });

  it('Chinese strings are Chinese (no English left untranslated)', () => {
    const same = Object.entries(dictionaries.zh).filter(([k, v]) => v === dictionaries.en[k as keyof typeof dictionaries.en] && /[a-z]{4,}/i.test(v));
    expect(same.map(([k]) => k)).toEqual(['app.name']);
  });

  it('defaults to the browser language and persists the choice', () => {
    expect(detectLang(['zh-CN', 'en'])).toBe('zh');
    expect(detectLang(['zh-TW'])).toBe('zh');
    expect(detectLang(['en-US', 'zh-CN'])).toBe('en');
    expect(detectLang(['de-DE'])).toBe('en');
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v); } };
    expect(initLang(storage, ['zh-CN'])).toBe('zh');
    setLang('en', storage);
    expect(initLang(storage, ['zh-CN'])).toBe('en');
    expect(lang()).toBe('en');
  });

  it('fills placeholders and falls back for unknown dynamic keys', () => {
    setLang('zh', null);
    expect(t('common.days', { n: 14 })).toBe('14 天');
    expect(tx('status', 'approved')).toBe('已立项');
    expect(tx('status', 'brand_new')).toBe('brand_new');
    setLang('en', null);
    expect(t('error.rule_violation', { rule: 'R-A4' })).toBe('Refused by rule R-A4.');
  });
});
