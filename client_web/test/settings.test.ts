import { describe, it, expect } from 'vitest';
import { MAIL_KINDS, mailNotes, mailPreferencesBody } from '../src/views/settings';
import { dictionaries } from '../src/i18n';

describe('mail settings', () => {
  it('sends the ticked kinds in catalogue order, and the digest choice', () => {
    expect(mailPreferencesBody(['project_stale_2w'], ['complaint_overdue', 'project_stale_1m'], false))
      .toEqual({ kinds: ['project_stale_1m', 'complaint_overdue'], weekly_digest: false });
    expect(mailPreferencesBody(['project_stale_2w', 'project_stale_1m'], [], true)).toEqual({ kinds: [], weekly_digest: true });
    expect(mailPreferencesBody([], ['approval_pending', 'approval_pending'], true).kinds).toEqual(['approval_pending']);
  });

  it('never sends a box that is not a reminder kind', () => {
    expect(mailPreferencesBody([], ['weekly_digest', 'nonsense', 'visit_overdue'], true).kinds).toEqual(['visit_overdue']);
  });

  it('keeps kinds the server chose that this dashboard has no box for', () => {
    expect(mailPreferencesBody(['contract_expiring', 'project_stale_2w', 'contract_expiring'], ['visit_overdue'], true).kinds)
      .toEqual(['visit_overdue', 'contract_expiring']);
  });

  it('says why no mail will come', () => {
    expect(mailNotes({ email: 'a@example.com', mail_enabled: true })).toEqual([]);
    expect(mailNotes({ email: '', mail_enabled: true })).toEqual(['settings.noEmail']);
    expect(mailNotes({ email: null })).toEqual(['settings.noEmail']);
    expect(mailNotes({ email: '  ', mail_enabled: false })).toEqual(['settings.mailDisabled', 'settings.noEmail']);
    expect(mailNotes({ email: 'a@example.com', mail_enabled: false })).toEqual(['settings.mailDisabled']);
  });

  it('has a translated label for every kind and mail language', () => {
    for (const k of [...MAIL_KINDS.map((x) => `reminder.${x}`), 'settings.language.zh-CN', 'settings.language.en']) {
      expect(Object.keys(dictionaries.en), k).toContain(k);
      expect(Object.keys(dictionaries.zh), k).toContain(k);
    }
  });
});
