// DEV ONLY: screenshots of the dashboard against the dev mock (or any URL) for a visual check.
// node dev/shoot.mjs [baseUrl] [outDir]   (uses playwright-core installed in tests/e2e)
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
const require = createRequire(new URL('../../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const base = process.argv[2] ?? 'http://127.0.0.1:8787';
const out = process.argv[3] ?? '/tmp/shots';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const shots = [
  ['signin', null, '#/'], ['mywork', 'zhangwei', '#/mywork'], ['alerts', 'wangfang', '#/alerts'], ['account', 'zhangwei', '#/accounts/a1'],
  ['project', 'zhangwei', '#/projects/p2'], ['approvals', 'zhaolei', '#/approvals'], ['complaints', 'wangfang', '#/complaints'],
  ['forecast', 'zhaolei', '#/forecast'], ['audit', 'sunli', '#/audit?project=p1'], ['access', 'sunli', '#/audit?tab=access'], ['events', 'sunli', '#/audit?tab=events'], ['admin', 'admin', '#/admin'],
];
const only = process.env.ONLY?.split(',');
for (const locale of (process.env.LOCALES ?? 'zh-CN').split(',')) {
  for (const [w, hgt] of [[1280, 800], [390, 844]]) {
    for (const [name, user, hash] of shots) {
      if (only && !only.includes(name)) continue;
      const ctx = await browser.newContext({ viewport: { width: w, height: hgt }, locale });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => console.log('pageerror', name, e.message));
      page.on('console', (m) => { if (m.type() === 'error') console.log('console', name, m.text()); });
      if (user) {
        await page.request.post(`${base}/api/session`, { data: { username: user, password: 'demo1234' }, headers: { 'X-Requested-With': 'keyledger' } });
      }
      await page.goto(`${base}/${hash}`);
      await page.waitForTimeout(name === 'forecast' ? 1500 : 700);
      await page.screenshot({ path: `${out}/${name}-${locale}-${w}.png`, fullPage: process.env.FULL === '1' });
      await ctx.close();
    }
  }
}
await browser.close();
console.log('done');
