// Boot: language, session, shell (header + navigation), hash router, live feed.

import './styles.css';
import { h, replace } from './dom';
import { get, del, setUnauthenticatedHandler } from './api';
import { FeedClient, feedUrl, type FeedState } from './feed';
import { initLang, lang, setLang, onLangChange, t, tx, type Key } from './i18n';
import { navFor, userName, unitName, type User, type View } from './model';
import { app } from './state';
import { errorBox } from './ui';
import { renderSignIn } from './views/signin';

type Renderer = (root: HTMLElement, params: string[], query: URLSearchParams) => void | Promise<void>;

const routes: [RegExp, () => Promise<Renderer>][] = [
  [/^\/mywork$/, async () => (await import('./views/mywork')).renderMyWork],
  [/^\/alerts$/, async () => (await import('./views/alerts')).renderAlerts],
  [/^\/accounts$/, async () => (await import('./views/accounts')).renderAccounts],
  [/^\/accounts\/([^/]+)$/, async () => (await import('./views/account')).renderAccount],
  [/^\/projects\/([^/]+)$/, async () => (await import('./views/project')).renderProject],
  [/^\/approvals$/, async () => (await import('./views/approvals')).renderApprovals],
  [/^\/complaints$/, async () => (await import('./views/complaints')).renderComplaints],
  [/^\/forecast$/, async () => (await import('./views/forecast')).renderForecast],
  [/^\/audit$/, async () => (await import('./views/audit')).renderAudit],
  [/^\/admin$/, async () => (await import('./views/admin')).renderAdmin],
  [/^\/settings$/, async () => (await import('./views/settings')).renderSettings],
];

const root = document.getElementById('app')!;
let feed: FeedClient | null = null;
let main: HTMLElement | null = null;
let header: HTMLElement | null = null;

initLang(safeStorage(), navigator.languages?.length ? navigator.languages : [navigator.language]);
document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';

setUnauthenticatedHandler(() => { if (app.user) signedOut(); });

onLangChange(() => {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  if (app.user) { renderShell(); void route(); } else renderSignIn(root, signedIn);
});

window.addEventListener('hashchange', () => void route());
window.addEventListener('online', () => feed?.retryNow());

void boot();

async function boot(): Promise<void> {
  try {
    const me = await get<unknown>('/api/me', { quiet401: true });
    signedIn(me);
  } catch {
    renderSignIn(root, signedIn);
  }
}

/** Accepts {"user":{…},"now","time_zone"} (API_ASSUMPTIONS.md) or a bare user. */
function signedIn(res: unknown): void {
  const r = res as { user?: User; now?: string; time_zone?: string } & User;
  const user = r.user ?? (r.role ? (r as User) : null);
  if (!user) { renderSignIn(root, signedIn); return; }
  app.user = user;
  if (r.time_zone) app.timeZone = r.time_zone;
  if (r.now) { const n = Date.parse(r.now); if (!Number.isNaN(n)) app.clockSkewMs = n - Date.now(); }
  startFeed();
  renderShell();
  const first = navFor(user.role)[0];
  if (!location.hash || location.hash === '#/' || location.hash === '#') location.hash = `#/${first}`;
  else void route();
}

function signedOut(): void {
  feed?.stop();
  feed = null;
  app.disposeView();
  app.user = null;
  app.freshReminders.clear();
  history.replaceState(null, '', location.pathname);
  renderSignIn(root, signedIn);
}

function startFeed(): void {
  feed?.stop();
  feed = new FeedClient(
    { url: feedUrl(location), createSocket: (url) => new WebSocket(url) as unknown as import('./feed').SocketLike },
    {
      onEvent: (event) => app.feedBus.emit({ kind: 'event', event }),
      onReminder: (reminder) => {
        if ((reminder.state ?? 'open') === 'open') app.freshReminders.add(reminder.id);
        else app.freshReminders.delete(reminder.id);
        app.feedBus.emit({ kind: 'reminder', reminder });
        updateAlertBadge();
      },
      onCaughtUp: (seq) => app.feedBus.emit({ kind: 'caught_up', seq }),
      onState: (state) => {
        app.feedState = state;
        app.feedBus.emit({ kind: 'state', state });
        paintIndicator(state);
      },
      // Repeated failures may mean the session ended: a 401 here returns to the sign-in page.
      onFailure: (n) => { if (n >= 3) get('/api/me').catch(() => {}); },
    },
  );
  feed.start();
}

function renderShell(): void {
  const user = app.user!;
  const nav = navFor(user.role);
  header = h('header', { class: 'top' },
    h('a', { class: 'brand', href: `#/${nav[0]}` }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'K'), h('span', null, t('app.name')), h('small', null, t('app.tagline'))),
    h('nav', { class: 'nav', 'aria-label': 'main' }, nav.map((v) => h('a', { href: `#/${v}`, 'data-view': v }, t(`nav.${v}` as Key), v === 'alerts' ? h('span', { class: 'nav-badge', hidden: true }) : null))),
    h('div', { class: 'who' },
      h('span', { class: 'feed-ind', 'data-state': app.feedState, role: 'status', title: t(`feed.${app.feedState}` as Key) }, h('i'), h('span', { class: 'feed-label' }, t(`feed.${app.feedState}` as Key))),
      // The user's own settings hang off their name: every role has them, and the phone header has no room for another button.
      h('a', { class: 'user', href: '#/settings', 'data-view': 'settings', 'data-testid': 'settings-link', title: t('settings.open') }, h('b', null, userName(user)), h('small', null, [tx('role', user.role), unitName(user)].filter(Boolean).join(' · '))),
      h('button', { class: 'ghost', type: 'button', 'data-testid': 'lang-switch', title: t('lang.label'), onclick: () => setLang(lang() === 'zh' ? 'en' : 'zh', safeStorage()) }, t('lang.switch')),
      h('button', { class: 'ghost', type: 'button', onclick: async () => { try { await del('/api/session'); } catch { /* signed out anyway */ } signedOut(); } }, t('signin.signout'))));
  main = h('main', { id: 'main' });
  replace(root, header, main);
  updateAlertBadge();
}

function paintIndicator(state: FeedState): void {
  const el = header?.querySelector<HTMLElement>('.feed-ind');
  if (!el) return;
  el.dataset.state = state;
  el.title = t(`feed.${state}` as Key);
  el.querySelector('.feed-label')!.textContent = t(`feed.${state}` as Key);
}

export function updateAlertBadge(): void {
  const n = app.freshReminders.size;
  const b = header?.querySelector<HTMLElement>('.nav-badge');
  if (b) { b.hidden = n === 0; b.textContent = String(n); }
  document.title = n ? `(${n}) keyledger` : 'keyledger';
}
app.feedBus.on((m) => { if (m.kind === 'reminder') updateAlertBadge(); });

let routeToken = 0;
async function route(): Promise<void> {
  if (!app.user || !main) return;
  const token = ++routeToken;
  const raw = location.hash.replace(/^#/, '') || `/${navFor(app.user.role)[0]}`;
  const [path, query = ''] = raw.split('?') as [string, string?];
  app.disposeView();
  for (const a of header?.querySelectorAll<HTMLAnchorElement>('.nav a, .who a[data-view]') ?? []) {
    const active = path.startsWith(`/${a.dataset.view as View | 'settings'}`);
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  for (const [re, loadView] of routes) {
    const m = re.exec(path);
    if (!m) continue;
    try {
      const render = await loadView();
      if (token !== routeToken) return;
      const view = h('div', { class: 'view' });
      replace(main, view);
      await render(view, m.slice(1).map(decodeURIComponent), new URLSearchParams(query));
    } catch (e) {
      if (token === routeToken) replace(main, errorBox(e));
    }
    window.scrollTo(0, 0);
    return;
  }
  replace(main, h('p', { class: 'empty' }, t('error.not_found')));
}

function safeStorage(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}
