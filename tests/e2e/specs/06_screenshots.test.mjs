// Screenshots of the main views at 1280×800 and 390×844 → tests/e2e/screenshots/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, cast, signIn, shot, apiSession, list, BASE } from '../lib/harness.mjs';

const browser = await launch();
after(() => browser.close());

test('screenshots of the main views', async () => {
  const { s1, manager, auditor, vp, admin } = await cast();
  const api = await apiSession(s1);
  const project = list((await api.get('/api/projects?owner=me')).body)[0];
  const account = list((await api.get('/api/accounts?owner=me')).body)[0];
  const views = [
    [null, 'signin', '/'],
    [s1, 'mywork', '/#/mywork'],
    [s1, 'project', project ? `/#/projects/${encodeURIComponent(project.id)}` : null],
    [s1, 'account', account ? `/#/accounts/${encodeURIComponent(account.id)}` : null],
    [manager, 'alerts', '/#/alerts'],
    [manager, 'complaints', '/#/complaints'],
    [vp, 'approvals', '/#/approvals'],
    [vp, 'forecast', '/#/forecast'],
    [auditor, 'audit', project ? `/#/audit?project=${encodeURIComponent(project.id)}` : '/#/audit'],
    [auditor, 'audit-events', '/#/audit?tab=events'],
    [auditor, 'access-log', '/#/audit?tab=access'],
    [admin, 'admin', '/#/admin'],
  ];
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    for (const [user, name, path] of views) {
      if (!path || (user === undefined)) continue;
      let page, ctx;
      if (user) ({ page, ctx } = await signIn(browser, user, { viewport }));
      else { ctx = await browser.newContext({ viewport, locale: 'zh-CN', baseURL: BASE }); page = await ctx.newPage(); }
      await page.goto(path);
      await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'), null, { timeout: 5000 });
      await page.waitForTimeout(name === 'forecast' ? 1200 : 300);
      await shot(page, name);
      await ctx.close();
    }
  }
  assert.ok(true);
});
