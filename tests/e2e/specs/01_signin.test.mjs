// Sign-in with the demo list; the header shows user, role, language switch, live indicator.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, cast, signIn } from '../lib/harness.mjs';

const browser = await launch();
after(() => browser.close());

test('demo users are listed and sign-in leads to a live header', async () => {
  const { s1 } = await cast();
  const { page, ctx, errors } = await signIn(browser, s1, { locale: 'en-US' });
  const header = page.locator('header.top');
  await assert.doesNotReject(header.getByText(s1.display_name ?? s1.username).first().waitFor());
  assert.match(await header.textContent(), /Salesperson/);
  assert.equal(await page.locator('[data-testid=lang-switch]').count(), 1);
  assert.equal(await page.locator('.feed-ind').getAttribute('data-state'), 'connected');
  assert.match(page.url(), /#\/mywork/);
  assert.deepEqual(errors, []);
  await ctx.close();
});
