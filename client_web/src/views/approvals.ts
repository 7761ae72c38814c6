// Approvals inbox: named-account applications, project registrations, conflict reviews and
// reactivations waiting for me (GET /api/approvals), each decided in place.

import { h } from '../dom';
import { get, items, enc } from '../api';
import { t, tx } from '../i18n';
import { card, table, dt, liveSection, link } from '../ui';
import { decisionForm, type Choice } from './decide';

interface Approval {
  id?: string;
  kind: 'named_application' | 'project_registration' | 'conflict_review' | 'reactivation' | string;
  subject_type: 'account' | 'project' | string;
  subject_id: string;
  subject_name?: string;
  requested_by?: string;
  requested_by_name?: string;
  requested_at?: string;
  step?: string;
  version?: number;
  summary?: string;
}

function decide(a: Approval): HTMLElement | null {
  const id = enc(a.subject_id);
  const approveReject: Choice[] = [
    { decision: 'approve', label: t('common.approve'), kind: 'primary' },
    { decision: 'reject', label: t('common.reject'), kind: 'danger', reasonRequired: true },
  ];
  switch (a.kind) {
    case 'named_application': return decisionForm(`/api/accounts/${id}/named-application/review`, approveReject);
    case 'project_registration': return decisionForm(`/api/projects/${id}/decision`, [
      { decision: 'approve', label: t('project.action.approve'), kind: 'primary' },
      { decision: 'defer', label: t('project.action.defer'), reasonRequired: true },
      { decision: 'reject', label: t('project.action.reject'), kind: 'danger', reasonRequired: true },
    ], { ifMatch: a.version });
    case 'conflict_review': return decisionForm(`/api/projects/${id}/conflict-review`, [
      { decision: 'no_conflict', label: t('project.action.no_conflict'), kind: 'primary' },
      { decision: 'conflict', label: t('project.action.conflict'), kind: 'danger', reasonRequired: true },
    ], { ifMatch: a.version });
    case 'reactivation': return decisionForm(`/api/projects/${id}/reactivation/review`, approveReject, { ifMatch: a.version });
    default: return null;
  }
}

export function renderApprovals(root: HTMLElement): void {
  root.append(h('h1', null, t('approvals.title')), card('', liveSection(async () => {
    const list = items<Approval>(await get('/api/approvals'));
    list.sort((x, y) => String(x.requested_at ?? '').localeCompare(String(y.requested_at ?? '')));
    return table(list, [
      { label: t('approvals.kind'), cell: (a) => tx('approvals.kind', a.kind) },
      { label: t('alerts.subject'), cell: (a) => h('div', null, link(a.subject_type === 'account' ? `#/accounts/${enc(a.subject_id)}` : `#/projects/${enc(a.subject_id)}`, a.subject_name ?? a.subject_id), a.summary ? h('small', { class: 'sub' }, a.summary) : null) },
      { label: t('approvals.requestedBy'), cell: (a) => a.requested_by_name ?? a.requested_by ?? '—' },
      { label: t('approvals.requestedAt'), cell: (a) => dt(a.requested_at) },
      { label: '', class: 'decide', cell: (a) => decide(a) },
    ], { empty: t('approvals.none') });
  }), { wide: true }));
}
