// Switching language switches every label: in Chinese no English label is left, and in English
// no Chinese one (user data such as names is excluded by looking only at labels).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, cast, signIn } from '../lib/harness.mjs';

const browser = await launch();
after(() => browser.close());

const LABELS = 'header.top nav a, header.top button, h1, h2, h3, th, label > span, .tabs a, button, summary, .hint, .kpi span, .empty';
const ALLOWED_LATIN = /\b(keyledger|VP|ID|R-[A-Z]\d+|R-U\d|KPI|d)\b/g;
const VIEWS = { manager: ['#/alerts', '#/mywork', '#/accounts', '#/complaints', '#/forecast'], auditor: ['#/audit', '#/audit?tab=events', '#/audit?tab=access'] };

async function labels(page) {
  return page.$$eval(LABELS, (els) => els.filter((e) => e.offsetParent !== null && !e.closest('.demo-list, td')).map((e) => (e.childNodes.length === 1 ? e.textContent : [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join(' ')).trim()).filter(Boolean));
}

test('every label switches language', async () => {
  const { manager, auditor } = await cast();
  for (const [who, views] of [[manager, VIEWS.manager], [auditor, VIEWS.auditor]]) {
    const { page, ctx } = await signIn(browser, who, { locale: 'en-US' });
    for (const hash of views) {
      await page.goto(`/${hash}`);
      await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'), null, { timeout: 5000 });
      const en = await labels(page);
      const cjk = en.filter((s) => /[\u4e00-\u9fff]/.test(s.replace(/中文/g, '')));
      assert.deepEqual(cjk, [], `${hash}: Chinese left in English UI`);
      await page.locator('header [data-testid=lang-switch]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && !document.querySelector('[aria-busy=true]'), null, { timeout: 5000 });
      const zh = await labels(page);
      const latin = zh.filter((s) => /[A-Za-z]{2,}/.test(s.replace(ALLOWED_LATIN, '').replace(/English/g, '')));
      assert.deepEqual(latin, [], `${hash}: English left in Chinese UI`);
      assert.notDeepEqual(zh, en);
      await page.locator('header [data-testid=lang-switch]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    // the choice is persisted
    await page.locator('header [data-testid=lang-switch]').click();
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await ctx.close();
  }
});
