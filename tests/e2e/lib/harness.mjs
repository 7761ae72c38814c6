// End-to-end harness: playwright-core driving Debian's /usr/bin/chromium against a real
// `keyledger serve --manual-clock --demo` (started by ../run.sh, which sets KEYLEDGER_URL).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BASE = process.env.KEYLEDGER_URL ?? '';
if (!BASE) throw new Error('KEYLEDGER_URL is not set: run tests/e2e/run.sh <path-to-keyledger>');
export const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
}

const HEADERS = { 'X-Requested-With': 'keyledger', 'Content-Type': 'application/json' };

/** Demo users from GET /api/demo-users (served only with --demo): [{username,password,role,…}]. */
export async function demoUsers() {
  const res = await fetch(`${BASE}/api/demo-users`);
  assert.equal(res.status, 200, 'GET /api/demo-users must answer 200 under --demo');
  const body = await res.json();
  return Array.isArray(body) ? body : body.items;
}

/** A signed-in API session (for setup and checks, not for what the scenario asserts). */
export async function apiSession(user) {
  const res = await fetch(`${BASE}/api/session`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ username: user.username, password: user.password }) });
  assert.equal(res.status, 200, `sign-in of ${user.username}`);
  const { token } = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${BASE}${path}`, { method, headers: { ...HEADERS, Authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  return { get: (p) => call('GET', p), post: (p, b = {}) => call('POST', p, b) };
}

export const list = (body) => (Array.isArray(body) ? body : body?.items ?? []);

/** Moves the server's manual clock forward. */
export async function advanceClock(days) {
  const res = await fetch(`${BASE}/api/test/clock`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ advance_days: days }) });
  assert.ok(res.status === 200 || res.status === 204, `POST /api/test/clock → ${res.status}`);
}

/**
 * A browser context signed in through the UI (the demo-user list on the sign-in page),
 * waiting until the live feed indicator says "connected".
 */
export async function signIn(browser, user, { locale = 'zh-CN', viewport = { width: 1280, height: 800 } } = {}) {
  const ctx = await browser.newContext({ locale, viewport, baseURL: BASE });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.locator(`button.demo-user[data-username="${user.username}"]`).click();
  await page.locator('.feed-ind[data-state="connected"]').waitFor({ timeout: 10000 });
  return { ctx, page, errors };
}

/** Marks the page so a later check can prove it was not reloaded. */
export async function markNoReload(page) {
  await page.evaluate(() => { window.__e2eMark = 'still-here'; });
  return async () => assert.equal(await page.evaluate(() => window.__e2eMark), 'still-here', 'the page was reloaded');
}

/** The demo cast the scenarios need (see client_web/API_ASSUMPTIONS.md, "Demo mode"). */
export async function cast() {
  const users = await demoUsers();
  const unitOf = (u) => u.org_unit_id ?? u.org_unit ?? u.org_unit_name;
  const sales = users.filter((u) => u.role === 'sales');
  assert.ok(sales.length >= 2, 'demo needs two salespeople');
  const s1 = sales[0];
  const s2 = sales.find((u) => u !== s1 && unitOf(u) === unitOf(s1)) ?? sales[1];
  const manager = users.find((u) => u.role === 'manager' && unitOf(u) === unitOf(s1)) ?? users.find((u) => u.role === 'manager');
  const auditor = users.find((u) => u.role === 'auditor');
  const vp = users.find((u) => u.role === 'vp');
  const admin = users.find((u) => u.role === 'admin');
  assert.ok(manager && auditor, 'demo needs a manager of the first salesperson and an auditor');
  return { users, s1, s2, manager, auditor, vp, admin };
}

export async function shot(page, name) {
  const vp = page.viewportSize();
  await page.screenshot({ path: `${SHOTS}${name}-${vp.width}x${vp.height}.png`, fullPage: false });
}
