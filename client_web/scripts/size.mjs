// npm run size — gzipped size of the JavaScript the dashboard ships, from dist/.vite/manifest.json.
// "before charts" = every chunk reachable from index.html (static and lazy view imports),
// except src/charts.ts and what only it pulls in (Apache ECharts, loaded on chart views only).
// Fails (exit 1) above the 300 KiB budget. Run `npm run build` first.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const BUDGET = 300 * 1024;
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
} catch {
  console.error('dist/.vite/manifest.json not found: run `npm run build` first');
  process.exit(2);
}
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const walk = (keys, skip) => {
  const seen = new Set();
  const stack = [...keys];
  while (stack.length) {
    const k = stack.pop();
    if (seen.has(k) || skip.has(k) || !manifest[k]) continue;
    seen.add(k);
    stack.push(...(manifest[k].imports ?? []), ...(manifest[k].dynamicImports ?? []));
  }
  return seen;
};
const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
const initial = new Set();
{
  const stack = [...entries];
  while (stack.length) { const k = stack.pop(); if (initial.has(k)) continue; initial.add(k); stack.push(...(manifest[k].imports ?? [])); }
}
const chartKeys = Object.keys(manifest).filter((k) => k.endsWith('src/charts.ts'));
const beforeCharts = walk(entries, new Set(chartKeys));
const everything = walk(entries, new Set());
const sum = (set) => [...set].filter((k) => manifest[k].file.endsWith('.js')).reduce((a, k) => a + gz(manifest[k].file), 0);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const first = sum(initial);
const before = sum(beforeCharts);
const all = sum(everything);
const css = Object.values(manifest).flatMap((m) => m.css ?? []).filter((v, i, a) => a.indexOf(v) === i).reduce((a, f) => a + gz(f), 0);
console.log(`first load (entry chunk, gzip):          ${kib(first)}`);
console.log(`all JS before charts (every view, gzip):  ${kib(before)}   budget ${kib(BUDGET)}`);
console.log(`charts chunk(s) loaded lazily (gzip):     ${kib(all - before)}`);
console.log(`CSS (gzip):                               ${kib(css)}`);
if (before > BUDGET) { console.error('over budget'); process.exit(1); }
