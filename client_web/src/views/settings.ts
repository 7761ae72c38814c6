// Mail settings: which reminders also reach the signed-in user by e-mail (GET/PUT
// /api/me/mail-preferences). Every role has it; reminders show in the dashboard either way.

import { h } from '../dom';
import { get, put, ApiError } from '../api';
import { t, tx, type Key } from '../i18n';
import { card, dl, liveSection } from '../ui';

/** The reminder kinds the server knows (domain/reminder/reminder_types.h), in the order shown. */
export const MAIL_KINDS = ['project_stale_2w', 'project_stale_1m', 'project_on_hold', 'visit_overdue', 'key_person_contact_due', 'complaint_overdue', 'approval_pending'] as const;

export interface MailPreferences {
  user_id?: string;
  email?: string | null;
  language?: string;
  kinds?: string[];
  weekly_digest?: boolean;
  mail_enabled?: boolean;
}

export interface MailPreferencesBody { kinds: string[]; weekly_digest: boolean }

/**
 * The PUT body from the form. A kind the server has chosen that this dashboard has no box for
 * (a newer server) is kept: not being able to show it must not unsubscribe the user from it.
 */
export function mailPreferencesBody(saved: readonly string[], ticked: Iterable<string>, weeklyDigest: boolean): MailPreferencesBody {
  const on = new Set(ticked);
  const known = new Set<string>(MAIL_KINDS);
  const kept = saved.filter((k) => !known.has(k));
  return { kinds: [...MAIL_KINDS.filter((k) => on.has(k)), ...new Set(kept)], weekly_digest: weeklyDigest };
}

/** Why no mail will arrive whatever is ticked; the page says so rather than let the user wait for it. */
export function mailNotes(p: MailPreferences): Key[] {
  const notes: Key[] = [];
  if (p.mail_enabled === false) notes.push('settings.mailDisabled');
  if (!p.email?.trim()) notes.push('settings.noEmail');
  return notes;
}

export function renderSettings(root: HTMLElement): void {
  root.append(h('h1', null, t('settings.title')),
    card('',
      // Not reloaded by feed events: that would undo boxes ticked but not saved yet.
      liveSection(async () => preferencesForm(await get<MailPreferences>('/api/me/mail-preferences')), { filter: () => false, onReconnect: false }),
      { hint: t('settings.intro'), wide: true }));
}

function preferencesForm(initial: MailPreferences): HTMLElement {
  let prefs = initial;
  const box = (name: string, value: string, label: string, checked: boolean) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value, checked }), h('span', null, label));
  const kinds = h('div', { class: 'checks' }, MAIL_KINDS.map((k) => box('kind', k, t(`reminder.${k}`), prefs.kinds?.includes(k) ?? false)));
  const digest = box('weekly_digest', 'weekly_digest', t('settings.digest'), prefs.weekly_digest ?? true);
  const ok = h('span', { class: 'save-ok', role: 'status', 'data-testid': 'settings-saved', hidden: true }, t('settings.saved'));
  const failed = h('div', { class: 'error', role: 'alert', 'data-testid': 'settings-error', hidden: true });
  const button = h('button', { class: 'primary', type: 'submit', 'data-testid': 'settings-save' }, t('common.save'));
  // The boxes show what the server stored, which after a save is its answer, not what was sent.
  const show = (p: MailPreferences) => {
    for (const input of kinds.querySelectorAll<HTMLInputElement>('input[name=kind]')) input.checked = p.kinds?.includes(input.value) ?? false;
    digest.querySelector('input')!.checked = p.weekly_digest ?? true;
  };
  const form = h('form', {
    class: 'mail-prefs', 'data-testid': 'mail-preferences',
    onchange: () => { ok.hidden = true; },
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const ticked = [...kinds.querySelectorAll<HTMLInputElement>('input[name=kind]:checked')].map((i) => i.value);
      const body = mailPreferencesBody(prefs.kinds ?? [], ticked, digest.querySelector('input')!.checked);
      button.disabled = true;
      ok.hidden = true;
      failed.hidden = true;
      try {
        prefs = await put<MailPreferences>('/api/me/mail-preferences', body);
        show(prefs);
        ok.hidden = false;
      } catch (e) {
        failed.textContent = e instanceof ApiError ? e.display() : String(e);
        failed.hidden = false;
      } finally {
        button.disabled = false;
      }
    },
  },
    dl([
      [t('settings.email'), prefs.email?.trim() ? h('span', { 'data-testid': 'settings-email' }, prefs.email) : null],
      [t('settings.language'), prefs.language ? tx('settings.language', prefs.language) : null],
    ]),
    mailNotes(prefs).map((k) => h('p', { class: 'mail-note', 'data-testid': `note-${k.slice('settings.'.length)}` }, t(k))),
    h('fieldset', null, h('legend', null, t('settings.kinds')), kinds),
    h('fieldset', null, h('legend', null, t('settings.digestTitle')), digest, h('p', { class: 'hint' }, t('settings.digestHint'))),
    failed,
    h('div', { class: 'save-row' }, button, ok));
  return form;
}
