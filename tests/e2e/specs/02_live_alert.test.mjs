// Salesperson and manager side by side. The clock moves 14 days: the manager's alert centre
// shows the reminder within a second, without reload. The salesperson updates the project:
// it leaves the stale list for both.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, cast, signIn, apiSession, advanceClock, list, markNoReload } from '../lib/harness.mjs';

const browser = await launch();
after(() => browser.close());

test('stale alert arrives live and clears when the project is updated', async () => {
  const { s1, manager } = await cast();
  const api = await apiSession(s1);
  const mine = list((await api.get('/api/projects?owner=me')).body);
  const project = mine.find((p) => p.status === 'approved' && (p.days_since_update ?? 0) < 14);
  assert.ok(project, 'demo: the first salesperson has an approved project updated in the last 14 days');

  const sales = await signIn(browser, s1);
  const boss = await signIn(browser, manager);
  await boss.page.goto('/#/alerts');
  await boss.page.locator('#alerts-open .live[aria-busy=false]').waitFor();
  const bossStill = await markNoReload(boss.page);
  const salesStill = await markNoReload(sales.page);

  await advanceClock(14);
  const t0 = Date.now();
  const alertRow = boss.page.locator(`#alerts-open tr[data-subject-id="${project.id}"]`);
  await alertRow.first().waitFor({ timeout: 1000 });
  assert.ok(Date.now() - t0 <= 1000, 'alert shown within a second');
  await bossStill();
  assert.match(await alertRow.first().getAttribute('class'), /arrived/, 'visual cue on arrival');
  await boss.page.locator(`#alerts-stale tr[data-project-id="${project.id}"]`).waitFor({ timeout: 3000 });
  const salesRow = sales.page.locator(`#my-projects tr[data-project-id="${project.id}"]`);
  await sales.page.waitForFunction((id) => document.querySelector(`#my-projects tr[data-project-id="${id}"]`)?.className.includes('stale-stale_2w'), project.id, { timeout: 3000 });

  // The one-click weekly update from "My work".
  await salesRow.locator('[data-testid=quick-update]').click();
  const form = sales.page.locator('[data-testid=update-form]');
  await form.locator('textarea[name=note]').fill('客户确认技术方案，下周报价。');
  await form.locator('button[type=submit]').click();

  await sales.page.waitForFunction((id) => document.querySelector(`#my-projects tr[data-project-id="${id}"]`)?.className.includes('stale-fresh'), project.id, { timeout: 3000 });
  await boss.page.locator(`#alerts-stale tr[data-project-id="${project.id}"]`).waitFor({ state: 'detached', timeout: 3000 });
  await bossStill();
  await salesStill();
  assert.deepEqual([...sales.errors, ...boss.errors], []);
  await sales.ctx.close();
  await boss.ctx.close();
});
