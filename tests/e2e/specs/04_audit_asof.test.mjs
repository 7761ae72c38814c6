// The audit view shows a project's status as of before a change.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, cast, signIn, apiSession, advanceClock, list } from '../lib/harness.mjs';

const browser = await launch();
after(() => browser.close());

test("audit shows a project's status as of before the change", async () => {
  const { s1, auditor } = await cast();
  const api = await apiSession(s1);
  const me = (await api.get('/api/me')).body;
  const approved = list((await api.get('/api/projects?owner=me')).body).filter((p) => p.status === 'approved');
  assert.ok(approved.length >= 1, 'demo: the first salesperson has an approved project');
  const project = approved.at(-1);
  const before = me.now ?? new Date().toISOString();
  await advanceClock(1);
  const closed = await api.post(`/api/projects/${encodeURIComponent(project.id)}/close`, { reason: 'e2e: 客户预算取消' });
  assert.ok(closed.status === 200 || closed.status === 201, `close → ${closed.status} ${JSON.stringify(closed.body)}`);

  const { page, ctx } = await signIn(browser, auditor, { locale: 'en-US' });
  await page.goto(`/#/audit?tab=asof&as_of=${encodeURIComponent(before)}&project=${encodeURIComponent(project.id)}`);
  const then = page.locator('[data-testid=asof-project] [data-testid=project-status]');
  await then.waitFor({ timeout: 5000 });
  assert.equal((await then.textContent()).trim(), 'Approved');
  assert.match(await page.locator('[data-testid=asof-project] .diff-note').textContent(), /Closed/);
  // the slider and the picker are both there
  assert.equal(await page.locator('[data-testid=asof-slider]').count(), 1);
  assert.equal(await page.locator('[data-testid=asof-input]').count(), 1);
  await ctx.close();
});
