// The dashboard's figures (issue 6), measured in Debian's chromium with playwright-core against a
// running `keyledger serve --demo --manual-clock` (run_dashboard_bench.sh starts one):
//   a) first meaningful paint of "My work": navigation start → the app's `kl:mywork-projects`
//      mark (set in the frame after the project list with rows went into the DOM), cold loads
//      (a fresh browser context each: no cache), median of --loads;
//   b) JS shipped before charts: the Vite manifest's entry chunk and its imports plus the view
//      chunks My work loads, gzip -9, and the bytes the server actually sent; checks that the
//      ECharts chunk is fetched only when the forecast view opens;
//   c) the alert centre under --rate reminders per second for --seconds: that many projects of
//      one department made stale one after another (their 2-week deadlines --rate per second
//      apart in business time), the manual clock stepped in real time; in the manager's open
//      alert centre, the lag from each reminder's feed message to its row, and whether every
//      reminder got a row.
// Prints a JSON report and a human summary. Usage:
//   KEYLEDGER_URL=http://127.0.0.1:PORT node bench/web/dashboard_bench.mjs [--loads 7] [--rate 50] [--seconds 12]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const BASE = process.env.KEYLEDGER_URL;
if (!BASE) throw new Error('KEYLEDGER_URL is not set (run bench/web/run_dashboard_bench.sh)');
const DIST = new URL('../../client_web/dist/', import.meta.url).pathname;
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const LOADS = arg('loads', 7), RATE = arg('rate', 50), SECONDS = arg('seconds', 12);
const PASSWORD = 'demo1234';
const HEADERS = { 'X-Requested-With': 'keyledger', 'Content-Type': 'application/json' };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN; };
const round = (x) => Math.round(x * 10) / 10;

async function api(method, path, token, body) {
  const res = await fetch(`${BASE}${path}`, { method, headers: { ...HEADERS, ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return json;
}
const login = async (username) => (await api('POST', '/api/session', null, { username, password: PASSWORD })).token;
async function all(path, token) {
  const out = [];
  let cursor = null;
  do {
    const r = await api('GET', path + (cursor ? `${path.includes('?') ? '&' : '?'}cursor=${cursor}` : ''), token);
    out.push(...r.items);
    cursor = r.next;
  } while (cursor);
  return out;
}

/** A browser context signed in as `username` through the API (the session cookie). */
async function signedInContext(browser, username) {
  const ctx = await browser.newContext({ baseURL: BASE, locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const r = await ctx.request.post('/api/session', { headers: HEADERS, data: { username, password: PASSWORD } });
  if (r.status() !== 200) throw new Error(`sign-in of ${username}: ${r.status()}`);
  return ctx;
}

// ---- a) first meaningful paint of My work -------------------------------------------------

async function paintOfMyWork(browser) {
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const ctx = await signedInContext(browser, 'zhangwei');
    const page = await ctx.newPage();
    const scripts = [];
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      const body = await res.body().catch(() => Buffer.alloc(0));
      scripts.push({ url: new URL(res.url()).pathname, bytes: body.length, encoding: res.headers()['content-encoding'] ?? 'identity' });
    });
    await page.goto('/#/mywork');
    await page.waitForSelector('#my-projects tr[data-project-id]', { timeout: 15000 });
    await page.waitForFunction(() => performance.getEntriesByName('kl:mywork-projects').length > 0, null, { timeout: 15000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        mark_ms: performance.getEntriesByName('kl:mywork-projects')[0].startTime,
        fcp_ms: fcp ? fcp.startTime : null,
        dom_content_loaded_ms: nav.domContentLoadedEventEnd,
        rows: document.querySelectorAll('#my-projects tr[data-project-id]').length,
      };
    });
    await page.waitForTimeout(300);  // late script responses
    loads.push({ ...t, scripts: [...scripts] });
    await ctx.close();
  }
  const marks = loads.map((l) => l.mark_ms);
  return {
    loads: loads.map(({ scripts, ...l }) => ({ ...l, mark_ms: round(l.mark_ms), fcp_ms: l.fcp_ms && round(l.fcp_ms), dom_content_loaded_ms: round(l.dom_content_loaded_ms) })),
    median_ms: round(median(marks)), min_ms: round(Math.min(...marks)), max_ms: round(Math.max(...marks)),
    goal_ms: 1000, met: median(marks) < 1000,
    scripts_of_first_load: loads[0].scripts,
  };
}

// ---- b) JS before charts --------------------------------------------------------------------

async function jsBeforeCharts(browser, myWorkScripts) {
  const manifest = JSON.parse(readFileSync(`${DIST}.vite/manifest.json`, 'utf8'));
  const gz = (file) => gzipSync(readFileSync(DIST + file), { level: 9 }).length;
  const entryKeys = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  const initial = new Set();
  for (const stack = [...entryKeys]; stack.length;) { const k = stack.pop(); if (initial.has(k)) continue; initial.add(k); stack.push(...(manifest[k].imports ?? [])); }
  const chartFiles = new Set(Object.keys(manifest).filter((k) => k.endsWith('src/charts.ts')).map((k) => `/${manifest[k].file}`));
  const byFile = new Map(Object.values(manifest).map((m) => [`/${m.file}`, m.file]));
  const entryGz = [...initial].filter((k) => manifest[k].file.endsWith('.js')).reduce((a, k) => a + gz(manifest[k].file), 0);
  const loadedJs = myWorkScripts.filter((s) => byFile.has(s.url));
  const myWorkGz = loadedJs.reduce((a, s) => a + gz(byFile.get(s.url)), 0);
  const myWorkWire = loadedJs.reduce((a, s) => a + s.bytes, 0);
  const chartsBeforeForecast = loadedJs.some((s) => chartFiles.has(s.url));

  // The charts chunk must arrive only with the forecast view.
  const ctx = await signedInContext(browser, 'wangfang');
  const page = await ctx.newPage();
  const fetched = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') fetched.push(new URL(r.url()).pathname); });
  await page.goto('/#/alerts');
  await page.waitForSelector('#alerts-open .live[aria-busy=false]');
  const chartsOnAlerts = fetched.some((u) => chartFiles.has(u));
  await page.goto('/#/forecast');
  await page.waitForFunction(() => document.querySelector('canvas') !== null, null, { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(500);
  const chartsOnForecast = fetched.some((u) => chartFiles.has(u));
  await ctx.close();
  const chartsGz = [...chartFiles].reduce((a, f) => a + gz(byFile.get(f)), 0);
  return {
    entry_gzip_kib: round(entryGz / 1024),
    my_work_js_gzip_kib: round(myWorkGz / 1024),
    my_work_js_over_the_wire_kib: round(myWorkWire / 1024),
    my_work_js_encoding: [...new Set(loadedJs.map((s) => s.encoding))].join(','),
    my_work_js_files: loadedJs.map((s) => s.url),
    charts_chunk_gzip_kib: round(chartsGz / 1024),
    charts_lazy: !chartsBeforeForecast && !chartsOnAlerts && chartsOnForecast,
    goal_kib: 300, met: myWorkGz < 300 * 1024 && !chartsBeforeForecast,
  };
}

// ---- c) the alert centre at RATE reminders per second ---------------------------------------

// Runs in the page before the app: timestamps every reminder frame the feed delivers and the
// first frame in which its row is in the alert centre.
function instrument() {
  const kl = { msgs: {}, rows: {}, longtasks: [] };
  window.__kl = kl;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        const t = performance.now();
        try {
          const m = JSON.parse(ev.data);
          if (m.type === 'reminder' && (m.reminder.state ?? 'open') === 'open' && !(m.reminder.id in kl.msgs)) kl.msgs[m.reminder.id] = t;
        } catch { /* not ours */ }
      });
    }
  };
  let pending = [];
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        const rows = n.matches?.('#alerts-open tr[data-reminder-id]') ? [n] : [...(n.querySelectorAll?.('#alerts-open tr[data-reminder-id]') ?? [])];
        for (const row of rows) { const id = row.getAttribute('data-reminder-id'); if (!(id in kl.rows)) { kl.rows[id] = -1; pending.push(id); } }
      }
    }
    if (pending.length) {
      const ids = pending;
      pending = [];
      requestAnimationFrame(() => { const t = performance.now(); for (const id of ids) kl.rows[id] = t; });
    }
  }).observe(document, { childList: true, subtree: true });
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) kl.longtasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch { /* no longtask API */ }
}

function topFunctions(profile, n = 20) {
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`).join('\n');
}

async function alertCentreUnderLoad(browser) {
  const count = RATE * SECONDS;
  const gapMs = 1000 / RATE;
  const dept = ['zhangwei', 'lina', 'yangyang', 'huangmin'];
  const tokens = Object.fromEntries(await Promise.all([...dept, 'chenzhiqiang'].map(async (u) => [u, await login(u)])));
  // Let the demo's own pending 2-week and 1-month reminders fall due first, so that what comes
  // during the measurement is ours.
  let clock = await api('POST', '/api/test/clock', null, { advance_days: 40 });
  const accounts = Object.fromEntries(await Promise.all(dept.map(async (u) => [u, await all('/api/accounts?owner=me', tokens[u])])));
  const projects = [];
  for (let i = 0; i < count; i++) {
    const owner = dept[i % dept.length];
    const account = accounts[owner][Math.floor(i / dept.length) % accounts[owner].length];
    const p = await api('POST', '/api/projects', tokens[owner], {
      name: `压测项目${String(i).padStart(4, '0')}`, account_id: account.id, contract_amount_fen: 100000000, win_probability: 30, stage: '初步接触',
    });
    await api('POST', `/api/projects/${encodeURIComponent(p.id)}/decision`, tokens.chenzhiqiang, { decision: 'approve', reason: '压测' });
    projects.push({ id: p.id, owner });
  }
  // Weekly updates gapMs apart in business time: their 2-week deadlines are gapMs apart too.
  const t0 = Date.parse(clock.now) + 60000;
  for (let i = 0; i < count; i++) {
    await api('POST', '/api/test/clock', null, { now: new Date(t0 + i * gapMs).toISOString() });
    await api('POST', `/api/projects/${encodeURIComponent(projects[i].id)}/updates`, tokens[projects[i].owner], { note: '本周进展正常' });
  }
  const ours = new Set(projects.map((p) => p.id));
  const due0 = t0 + 14 * 86400000;
  await api('POST', '/api/test/clock', null, { now: new Date(due0 - 2000).toISOString() });

  const ctx = await signedInContext(browser, 'wangfang');
  await ctx.addInitScript(instrument);
  const page = await ctx.newPage();
  await page.goto('/#/alerts');
  await page.waitForSelector('#alerts-open .live[aria-busy=false]');
  await page.waitForSelector('.feed-ind[data-state="connected"]');
  const openBefore = await page.locator('#alerts-open tr[data-reminder-id]').count();
  await page.waitForTimeout(1000);
  // PROFILE=1: a CPU profile of the page during the drive, its top functions by self time.
  const cdp = process.env.PROFILE ? await ctx.newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }

  // Step the manual clock along with real time: every step raises what fell due since the last.
  const steps = [];
  const wallStart = Date.now();
  const end = due0 + count * gapMs + 100;
  for (let now = due0; now <= end; now = due0 + (Date.now() - wallStart)) {
    const s = Date.now();
    const r = await api('POST', '/api/test/clock', null, { now: new Date(now).toISOString() });
    steps.push({ at: s - wallStart, raised: r.raised, took: Date.now() - s });
    const wait = 50 - (Date.now() - s);
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
  }
  const driveMs = Date.now() - wallStart;
  if (cdp) console.error(topFunctions((await cdp.send('Profiler.stop')).profile));
  // Give the page a few seconds to show what it has not shown yet.
  const wangfang = await login('wangfang');
  const expected = (await api('GET', '/api/reminders?state=open', wangfang)).items.filter((r) => ours.has(r.subject_id) && r.kind === 'project_stale_2w');
  await page.waitForFunction((ids) => ids.every((id) => (window.__kl.rows[id] ?? -1) > 0), expected.map((r) => r.id), { timeout: 10000 }).catch(() => {});
  const kl = await page.evaluate(() => window.__kl);
  const rowsNow = await page.locator('#alerts-open tr[data-reminder-id]').count();
  await ctx.close();

  const lags = [], missingMsg = [], missingRow = [], series = [];
  for (const r of expected) {
    const m = kl.msgs[r.id], row = kl.rows[r.id];
    if (m === undefined) { missingMsg.push(r.id); continue; }
    if (row === undefined || row < 0) { missingRow.push(r.id); continue; }
    lags.push(row - m);
    series.push([m, row - m]);
  }
  series.sort((a, b) => a[0] - b[0]);
  const firstSec = series.filter(([m]) => m - series[0][0] < 2000).map(([, l]) => l);
  const lastSec = series.filter(([m]) => series.at(-1)[0] - m < 2000).map(([, l]) => l);
  const raised = steps.reduce((a, s) => a + s.raised, 0);
  // The rate the page saw: reminder frames per second between the first and the last.
  const feedRate = series.length > 1 ? (series.length - 1) / ((series.at(-1)[0] - series[0][0]) / 1000) : 0;
  const longtasks = kl.longtasks.filter(([t]) => t >= series[0]?.[0] ?? 0);
  const p99 = pct(lags, 99);
  return {
    reminders_expected: expected.length, raised_during_drive: raised,
    drive_s: round(driveMs / 1000), achieved_rate_per_s: round(raised / (driveMs / 1000)), feed_rate_per_s: round(feedRate),
    clock_steps: steps.length, clock_step_ms_median: median(steps.map((s) => s.took)),
    open_rows_before: openBefore, open_rows_after: rowsNow,
    lag_ms: { p50: round(pct(lags, 50)), p99: round(p99), max: round(Math.max(...lags)) },
    lag_first_2s_median_ms: round(median(firstSec)), lag_last_2s_median_ms: round(median(lastSec)),
    without_feed_message: missingMsg.length, without_row: missingRow.length,
    long_tasks: { count: longtasks.length, total_ms: round(longtasks.reduce((a, [, d]) => a + d, 0)) },
    met: expected.length >= count && missingMsg.length === 0 && missingRow.length === 0 && feedRate >= RATE * 0.95 && p99 < 1000,
  };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
try {
  const paint = await paintOfMyWork(browser);
  const js = await jsBeforeCharts(browser, paint.scripts_of_first_load);
  delete paint.scripts_of_first_load;
  const alerts = await alertCentreUnderLoad(browser);
  const report = { date: new Date().toISOString(), url: BASE, loads: LOADS, rate: RATE, seconds: SECONDS, paint, js, alerts };
  console.log(JSON.stringify(report, null, 2));
  console.log(`\na) My work first meaningful paint: median ${paint.median_ms} ms (min ${paint.min_ms}, max ${paint.max_ms}) over ${LOADS} cold loads — goal < 1000 ms: ${paint.met ? 'met' : 'NOT met'}`);
  console.log(`b) JS before charts: ${js.my_work_js_gzip_kib} KiB gzipped (entry ${js.entry_gzip_kib} KiB; ${js.my_work_js_over_the_wire_kib} KiB sent, ${js.my_work_js_encoding}); charts ${js.charts_chunk_gzip_kib} KiB lazy: ${js.charts_lazy} — goal < 300 KiB: ${js.met ? 'met' : 'NOT met'}`);
  console.log(`c) alert centre: ${alerts.raised_during_drive} reminders in ${alerts.drive_s} s (${alerts.achieved_rate_per_s}/s raised, ${alerts.feed_rate_per_s}/s at the page); lag feed→row p50 ${alerts.lag_ms.p50} ms, p99 ${alerts.lag_ms.p99} ms, max ${alerts.lag_ms.max} ms; first 2 s ${alerts.lag_first_2s_median_ms} ms, last 2 s ${alerts.lag_last_2s_median_ms} ms; without row ${alerts.without_row}, without message ${alerts.without_feed_message} — keeps up: ${alerts.met ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
}
