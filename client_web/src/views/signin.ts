// Sign-in. On a demo instance (GET /api/demo-users answers 200) the demo users are listed.

import { h, replace, formValues } from '../dom';
import { get, post, items, ApiError } from '../api';
import { t, tx, lang, setLang } from '../i18n';
import { sortByName } from '../format';

interface DemoUser { username: string; password?: string; display_name?: string; role?: string; org_unit_name?: string; org_unit?: string }

export function renderSignIn(root: HTMLElement, onSignedIn: (res: unknown) => void): void {
  const error = h('div', { class: 'error', role: 'alert', hidden: true });
  const submit = async (username: string, password: string) => {
    error.hidden = true;
    try {
      const res = await post<unknown>('/api/session', { username, password }, { quiet401: true, idempotent: false });
      // /api/me carries the server clock and zone; fall back to the sign-in answer.
      let me: unknown = res;
      try { me = await get<unknown>('/api/me'); } catch { /* keep res */ }
      onSignedIn(me);
    } catch (e) {
      error.textContent = e instanceof ApiError && (e.status === 401 || e.status === 403) ? t('signin.failed') : e instanceof ApiError ? e.display() : String(e);
      error.hidden = false;
    }
  };
  const form = h('form', {
    class: 'signin-form',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      const v = formValues(ev.target as HTMLFormElement);
      void submit(v.username ?? '', (ev.target as HTMLFormElement).password.value);
    },
  },
    h('label', { class: 'field' }, h('span', null, t('signin.username')), h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true })),
    h('label', { class: 'field' }, h('span', null, t('signin.password')), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    error,
    h('button', { class: 'primary', type: 'submit' }, t('signin.submit')));

  const demo = h('div', { class: 'demo', hidden: true });
  const page = h('div', { class: 'signin' },
    h('div', { class: 'signin-card' },
      h('div', { class: 'signin-brand' }, h('span', { class: 'logo' }, 'K'), h('div', null, h('h1', null, t('app.name')), h('p', null, t('app.tagline')))),
      h('button', { class: 'ghost lang-corner', type: 'button', 'data-testid': 'lang-switch', onclick: () => setLang(lang() === 'zh' ? 'en' : 'zh', localStorage) }, t('lang.switch')),
      h('h2', null, t('signin.title')),
      form,
      demo));
  replace(root, page);

  void get<unknown>('/api/demo-users', { quiet401: true }).then((res) => {
    const order = ['sales', 'manager', 'vp', 'business_office', 'gm', 'product_manager', 'info_admin', 'auditor', 'admin'];
    const rank = (u: DemoUser) => { const i = order.indexOf(u.role ?? ''); return i < 0 ? order.length : i; };
    const users = sortByName(items<DemoUser>(res), (u) => u.display_name ?? u.username).sort((a, b) => rank(a) - rank(b));
    if (users.length === 0) return;
    replace(demo,
      h('h3', null, t('signin.demo')),
      h('p', { class: 'hint' }, t('signin.demoHint')),
      h('ul', { class: 'demo-list' }, users.map((u) => h('li', null,
        h('button', {
          type: 'button', class: 'demo-user', 'data-username': u.username,
          onclick: () => {
            (form.elements.namedItem('username') as HTMLInputElement).value = u.username;
            (form.elements.namedItem('password') as HTMLInputElement).value = u.password ?? '';
            if (u.password) void submit(u.username, u.password);
          },
        }, h('b', null, u.display_name ?? u.username), h('span', null, [u.role ? tx('role', u.role) : '', u.org_unit_name ?? u.org_unit ?? ''].filter(Boolean).join(' · ')), h('code', null, u.username))))));
    demo.hidden = false;
  }).catch(() => { /* not a demo instance */ });
}
