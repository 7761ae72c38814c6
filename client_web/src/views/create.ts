// Creation forms: register a project, open an account, add a key person, open a complaint.
// Each posts one command and leaves the feed to refresh the lists.

import { h, formValues } from '../dom';
import { post, enc } from '../api';
import { t, tx } from '../i18n';
import { parseYuanToFen } from '../format';
import { field, select, toast, toastError } from '../ui';

type Option = { id: string; name: string };

function submitter(form: HTMLFormElement, send: (v: Record<string, string>) => Promise<unknown>, after?: (res: unknown) => void) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const btn = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (btn) btn.disabled = true;
    try {
      const res = await send(formValues(form));
      toast(t('common.saved'));
      form.reset();
      after?.(res);
    } catch (e) {
      toastError(e);
    } finally {
      if (btn) btn.disabled = false;
    }
  });
  return form;
}

/** R-P1: register a project (conflict detection and approval follow on the server). */
export function projectForm(accounts: Option[]): HTMLFormElement {
  const form = h('form', { class: 'form-grid', 'data-testid': 'project-form' },
    field(t('project.name'), h('input', { name: 'name', required: true }), { wide: true }),
    field(t('project.account'), select('account_id', accounts.map((a) => [a.id, a.name]), undefined, { required: true })),
    field(t('project.endUser'), h('input', { name: 'end_user' })),
    field(t('project.products'), h('input', { name: 'products' })),
    field(t('project.amount'), h('input', { name: 'amount', inputmode: 'decimal', required: true, placeholder: '1,000,000.00' })),
    field(t('project.probability'), h('input', { name: 'win_probability', type: 'number', min: 0, max: 100, step: 5, value: 30, required: true })),
    field(t('project.margin'), h('input', { name: 'margin_pct', type: 'number', min: 0, max: 100, step: 1, value: 20 })),
    field(t('project.signing'), h('input', { name: 'expected_signing_date', type: 'date', required: true })),
    field(t('project.stage'), h('input', { name: 'stage' })),
    h('div', { class: 'form-actions' }, h('button', { class: 'primary', type: 'submit' }, t('create.registerProject'))));
  return submitter(form, (v) => {
    const fen = parseYuanToFen(v.amount ?? '');
    if (fen === null) throw new Error(t('error.validation_failed', { field: t('project.amount') }));
    return post('/api/projects', {
      name: v.name, account_id: v.account_id, end_user: v.end_user || undefined, products: v.products || undefined,
      contract_amount_fen: Number(fen), win_probability: Number(v.win_probability), margin_pct: v.margin_pct ? Number(v.margin_pct) : undefined,
      expected_signing_date: v.expected_signing_date, stage: v.stage || undefined,
    });
  }, (res) => { const id = (res as { id?: string } | null)?.id; if (id) location.hash = `#/projects/${enc(id)}`; });
}

/** A new account file (R-A1, R-A2): the essentials; the rest is edited later. */
export function accountForm(): HTMLFormElement {
  const form = h('form', { class: 'form-grid', 'data-testid': 'account-form' },
    field(t('common.name'), h('input', { name: 'name', required: true }), { wide: true }),
    field(t('account.creditCode'), h('input', { name: 'credit_code', pattern: '[0-9A-HJ-NPQRTUWXY]{18}', title: '18' })),
    field(t('accounts.tier'), select('tier', [['A', 'A'], ['B', 'B'], ['C', 'C']], 'C')),
    field(t('account.nature'), h('input', { name: 'nature' })),
    field(t('account.industry'), h('input', { name: 'industry' })),
    field(t('account.region'), h('input', { name: 'region' })),
    field(t('account.source'), h('input', { name: 'source' })),
    field(t('account.payment'), select('payment_habit', [['', '—'], ['advance_funding', '垫资 / advance funding'], ['prepayment', '预付款 / prepayment'], ['by_progress', '按进度付款 / by progress']])),
    h('div', { class: 'form-actions' }, h('button', { class: 'primary', type: 'submit' }, t('create.openAccount'))));
  return submitter(form, (v) => post('/api/accounts', {
    name: v.name, credit_code: v.credit_code || undefined, tier: v.tier, nature: v.nature || undefined, industry: v.industry || undefined,
    region: v.region || undefined, source: v.source || undefined, payment_habit: v.payment_habit || undefined,
  }), (res) => { const id = (res as { id?: string } | null)?.id; if (id) location.hash = `#/accounts/${enc(id)}`; });
}

const ROLES = ['decision_maker', 'advisor', 'user', 'blocker', 'supporter'];
const RELS = ['positive', 'neutral', 'negative', 'none'];

/** R-A8: add a key person to an account. */
export function keyPersonForm(accountId: string): HTMLFormElement {
  const form = h('form', { class: 'form-grid', 'data-testid': 'key-person-form' },
    field(t('account.kp.name'), h('input', { name: 'name', required: true })),
    field(t('account.kp.title'), h('input', { name: 'title' })),
    field(t('account.kp.role'), select('decision_role', ROLES.map((r): [string, string] => [r, tx('kp.role', r)]), 'user')),
    field(t('account.kp.relationship'), select('relationship', RELS.map((r): [string, string] => [r, tx('kp.rel', r)]), 'none')),
    field(t('account.kp.weight'), h('input', { name: 'decision_weight', type: 'number', min: 0, max: 100, step: 5, value: 10 })),
    field(t('account.kp.next'), h('input', { name: 'next_contact', type: 'date' })),
    h('div', { class: 'form-actions' }, h('button', { class: 'primary', type: 'submit' }, t('create.addKeyPerson'))));
  return submitter(form, (v) => post(`/api/accounts/${enc(accountId)}/key-persons`, {
    name: v.name, title: v.title || undefined, decision_role: v.decision_role, relationship: v.relationship,
    decision_weight: Number(v.decision_weight || 0), next_contact: v.next_contact || undefined,
  }));
}

/** R-C1: open a complaint. */
export function complaintForm(accounts: Option[]): HTMLFormElement {
  const form = h('form', { class: 'form-grid', 'data-testid': 'complaint-form' },
    field(t('project.account'), select('account_id', accounts.map((a) => [a.id, a.name]), undefined, { required: true })),
    field(t('complaints.contact'), h('input', { name: 'contact', required: true })),
    field(t('complaints.severity'), select('severity', ['low', 'medium', 'high'].map((s): [string, string] => [s, tx('severity', s)]), 'medium')),
    field(t('complaints.cause'), h('input', { name: 'cause' })),
    field(t('complaints.content'), h('textarea', { name: 'content', rows: 2, required: true }), { wide: true }),
    h('div', { class: 'form-actions' }, h('button', { class: 'primary', type: 'submit' }, t('create.openComplaint'))));
  return submitter(form, (v) => post('/api/complaints', { account_id: v.account_id, contact: v.contact, severity: v.severity, cause: v.cause || undefined, content: v.content }));
}
