// A decision with a reason (approve / reject / defer / conflict …), posted to one endpoint.

import { h } from '../dom';
import { post } from '../api';
import { t } from '../i18n';
import { toast, toastError } from '../ui';

export interface Choice { decision: string; label: string; kind?: 'primary' | 'danger' | '' ; reasonRequired?: boolean }

export function decisionForm(path: string, choices: Choice[], opts: { ifMatch?: number; bodyKey?: string; onDone?: () => void } = {}): HTMLElement {
  const reason = h('textarea', { name: 'reason', rows: 2, placeholder: t('common.reason'), 'aria-label': t('common.reason') });
  const err = h('div', { class: 'error', hidden: true });
  const buttons = choices.map((c) => h('button', {
    type: 'button', class: c.kind ?? '', 'data-decision': c.decision,
    onclick: async () => {
      const r = reason.value.trim();
      if (c.reasonRequired && !r) { err.textContent = t('project.reasonRequired'); err.hidden = false; reason.focus(); return; }
      err.hidden = true;
      for (const b of buttons) b.disabled = true;
      try {
        const body: Record<string, unknown> = { reason: r || undefined };
        if (opts.bodyKey !== '') body[opts.bodyKey ?? 'decision'] = c.decision;
        await post(path, body, { ifMatch: opts.ifMatch });
        toast(t('common.saved'));
        reason.value = '';
        opts.onDone?.();
      } catch (e) {
        toastError(e);
      } finally {
        for (const b of buttons) b.disabled = false;
      }
    },
  }, c.label));
  return h('div', { class: 'decision' }, reason, err, h('div', { class: 'btn-row' }, buttons));
}
