// A second salesperson cannot open the first one's named account (R-A3, R-A9).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, cast, signIn, apiSession, list } from '../lib/harness.mjs';

const browser = await launch();
after(() => browser.close());

test("a salesperson cannot open another's named account file", async () => {
  const { s1, s2 } = await cast();
  const named = list((await (await apiSession(s1)).get('/api/accounts?owner=me&kind=named')).body).find((a) => a.kind === 'named');
  assert.ok(named, 'demo: the first salesperson owns a named account');
  const other = await apiSession(s2);
  assert.equal((await other.get(`/api/accounts/${encodeURIComponent(named.id)}`)).status, 403);

  const { page, ctx } = await signIn(browser, s2, { locale: 'en-US' });
  await page.goto(`/#/accounts/${encodeURIComponent(named.id)}`);
  await page.locator('[data-testid=forbidden]').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('[data-testid=access-logged]').count(), 0, 'no file content shown');
  await ctx.close();

  const owner = await signIn(browser, s1, { locale: 'en-US' });
  await owner.page.goto(`/#/accounts/${encodeURIComponent(named.id)}`);
  await owner.page.locator('[data-testid=access-logged]').waitFor({ timeout: 5000 });
  await owner.ctx.close();
});
