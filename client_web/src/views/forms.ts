// Forms used from several views: the weekly project update and the quick visit log.

import { h, formValues } from '../dom';
import { post, enc } from '../api';
import { t, tx } from '../i18n';
import { parseYuanToFen, toFen, toZonedRfc3339, zonedInputToDate } from '../format';
import type { Project } from '../model';
import { app } from '../state';
import { field, select, toast, toastError } from '../ui';

/** Weekly update: a note (required) and any changed fields; sends only what changed. */
export function updateForm(p: Project, onDone: () => void): HTMLFormElement {
  const amountYuan = toFen(p.contract_amount_fen);
  const form = h('form', {
    class: 'form-grid update-form', 'data-testid': 'update-form',
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const v = formValues(form);
      const body: Record<string, unknown> = { note: v.note };
      const fen = v.amount ? parseYuanToFen(v.amount) : null;
      if (fen !== null && fen !== amountYuan) body.contract_amount_fen = Number(fen);
      const prob = v.win_probability === '' ? null : Number(v.win_probability);
      if (prob !== null && prob !== p.win_probability) body.win_probability = prob;
      if (v.expected_signing_date && v.expected_signing_date !== p.expected_signing_date) body.expected_signing_date = v.expected_signing_date;
      if (v.stage && v.stage !== (p.stage ?? '')) body.stage = v.stage;
      const btn = form.querySelector('button[type=submit]') as HTMLButtonElement;
      btn.disabled = true;
      try {
        await post(`/api/projects/${enc(p.id)}/updates`, body, { ifMatch: p.version });
        toast(t('project.updateSent'));
        onDone();
      } catch (e) {
        toastError(e);
        btn.disabled = false;
      }
    },
  },
    field(t('project.updateNote'), h('textarea', { name: 'note', rows: 2, required: true, placeholder: t('project.updateNotePh') }), { wide: true }),
    field(t('project.amount'), h('input', { name: 'amount', inputmode: 'decimal', value: amountYuan === null ? '' : (Number(amountYuan) / 100).toFixed(2) })),
    // step 1: the API takes any percentage, and a value off the step would block the whole form.
    field(t('project.probability'), h('input', { name: 'win_probability', type: 'number', min: 0, max: 100, step: 1, value: p.win_probability ?? '' })),
    field(t('project.signing'), h('input', { name: 'expected_signing_date', type: 'date', value: p.expected_signing_date ?? '' })),
    field(t('project.stage'), h('input', { name: 'stage', value: p.stage ?? '' })),
    h('div', { class: 'form-actions' },
      h('button', { class: 'primary', type: 'submit' }, t('common.submit'))));
  return form;
}

const VISIT_KINDS = ['visit', 'phone', 'email', 'meeting', 'executive_visit', 'technical_exchange', 'demo'];

/** Quick visit log: account (if not given), kind, date, people, content. Defaults make it a few seconds. */
export function visitForm(accounts: { id: string; name: string }[], onDone: () => void, fixedAccount?: string): HTMLFormElement {
  const today = toZonedRfc3339(app.serverNow(), app.timeZone).slice(0, 10);
  const form = h('form', {
    class: 'form-grid visit-form', 'data-testid': 'visit-form',
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const v = formValues(form);
      const account = fixedAccount ?? v.account;
      if (!account) return;
      const at = zonedInputToDate(`${v.date}T12:00`, app.timeZone);
      const body = {
        kind: v.kind, date: v.date, occurred_at: at ? toZonedRfc3339(at, app.timeZone) : undefined,
        people_met: v.people_met, content: v.content, report: v.report,
      };
      try {
        await post(`/api/accounts/${enc(account)}/visits`, body);
        toast(t('visit.logged'));
        form.reset();
        onDone();
      } catch (e) { toastError(e); }
    },
  },
    fixedAccount ? null : field(t('visit.account'), select('account', accounts.map((a) => [a.id, a.name]), undefined, { required: true })),
    field(t('visit.kind'), select('kind', VISIT_KINDS.map((k) => [k, tx('visit.kind', k)]), 'visit')),
    field(t('visit.date'), h('input', { name: 'date', type: 'date', value: today, max: today, required: true })),
    field(t('visit.people'), h('input', { name: 'people_met', required: true })),
    field(t('visit.content'), h('textarea', { name: 'content', rows: 2, required: true }), { wide: true }),
    field(t('visit.report'), h('input', { name: 'report' }), { wide: true }),
    h('div', { class: 'form-actions' }, h('button', { class: 'primary', type: 'submit' }, t('mywork.logVisit'))));
  return form;
}
