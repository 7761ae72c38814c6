// Forecast (R-P10) by owner, unit or VP area for a month, plus a six-month trend.
// Charts load ECharts lazily: the rest of the app never pays for it.

import { h } from '../dom';
import { get, qs } from '../api';
import { t, lang, type Key } from '../i18n';
import { formatMoneyCompact, sortByName, toFen, toZonedRfc3339 } from '../format';
import { app } from '../state';
import { card, table, money, liveSection, select, field } from '../ui';

export interface ForecastRow { key: string; label?: string; contract_fen?: number | string; expected_revenue_fen?: number | string; expected_profit_fen?: number | string; count?: number }
interface ForecastRes { month?: string; group_by?: string; rows?: ForecastRow[]; items?: ForecastRow[]; total?: ForecastRow }

const yuan = (fen: unknown) => Number(toFen(fen) ?? 0n) / 100;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** Resolves once `el` is in the document (the live section inserts it after loading), or after 2 s. */
function whenShown(el: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    let tries = 0;
    const check = () => (el.isConnected || ++tries > 40 ? resolve() : setTimeout(check, 50));
    check();
  });
}

async function fetchForecast(month: string, groupBy: string): Promise<ForecastRow[]> {
  const res = await get<ForecastRes>(qs('/api/forecast', { month, group_by: groupBy }));
  return res.rows ?? res.items ?? [];
}

export function renderForecast(root: HTMLElement, _p: string[], query: URLSearchParams): void {
  const month = query.get('month') ?? toZonedRfc3339(app.serverNow(), app.timeZone).slice(0, 7);
  const groupBy = query.get('group_by') ?? 'owner';
  const go = (m: string, g: string) => { location.hash = `#/forecast?month=${m}&group_by=${g}`; };
  const controls = h('div', { class: 'filters' },
    field(t('forecast.month'), h('input', { type: 'month', value: month, onchange: (ev: Event) => go((ev.target as HTMLInputElement).value || month, groupBy) })),
    field(t('forecast.groupBy'), select('group_by', ['owner', 'unit', 'vp_area'].map((g): [string, string] => [g, t(`forecast.by.${g}` as Key)]), groupBy, { onchange: (ev: Event) => go(month, (ev.target as HTMLSelectElement).value) })));
  const fmt = (v: number) => formatMoneyCompact(Math.round(v * 100), lang());
  root.append(h('h1', null, t('forecast.title')), h('p', { class: 'hint' }, t('forecast.hint')), controls,
    h('div', { class: 'grid' },
      card(`${t(`forecast.by.${groupBy}` as Key)} · ${month}`, liveSection(async () => {
        const rows = sortByName(await fetchForecast(month, groupBy), (r) => r.label ?? r.key).sort((a, b) => yuan(b.expected_revenue_fen) - yuan(a.expected_revenue_fen));
        const chartEl = h('div', { class: 'chart', style: `height:${Math.max(220, rows.length * 34 + 60)}px` });
        const sum = (k: keyof ForecastRow) => rows.reduce((a, r) => a + (toFen(r[k]) ?? 0n), 0n);
        const totals: ForecastRow = { key: 'total', label: t('common.total'), contract_fen: sum('contract_fen').toString(), expected_revenue_fen: sum('expected_revenue_fen').toString(), expected_profit_fen: sum('expected_profit_fen').toString(), count: rows.reduce((a, r) => a + (r.count ?? 0), 0) };
        if (rows.length) {
          void whenShown(chartEl).then(() => import('../charts')).then(({ drawChart }) => {
            if (!chartEl.isConnected) return;
            app.onDispose(drawChart(chartEl, rows.map((r) => r.label ?? r.key), [
              { name: t('forecast.revenue'), values: rows.map((r) => yuan(r.expected_revenue_fen)), color: '#2563eb' },
              { name: t('forecast.profit'), values: rows.map((r) => yuan(r.expected_profit_fen)), color: '#16a34a' },
            ], fmt, true));
          });
        }
        return h('div', null, rows.length ? chartEl : null, table(rows.length ? [...rows, totals] : [], [
          { label: t(`forecast.by.${groupBy}` as Key), cell: (r) => r.key === 'total' ? h('b', null, r.label ?? '') : r.label ?? r.key },
          { label: t('forecast.count'), class: 'num', cell: (r) => r.count ?? '—' },
          { label: t('forecast.contract'), class: 'num', cell: (r) => money(r.contract_fen) },
          { label: t('forecast.revenue'), class: 'num', cell: (r) => money(r.expected_revenue_fen) },
          { label: t('forecast.profit'), class: 'num', cell: (r) => money(r.expected_profit_fen) },
        ], { rowClass: (r) => (r.key === 'total' ? 'total' : '') }));
      }, { filter: (e) => e.stream.startsWith('project') }), { wide: true }),
      card(t('forecast.trend'), liveSection(async () => {
        const months = Array.from({ length: 6 }, (_, i) => addMonths(month, i));
        const all = await Promise.all(months.map((m) => fetchForecast(m, 'unit')));
        const rev = all.map((rows) => rows.reduce((a, r) => a + yuan(r.expected_revenue_fen), 0));
        const prof = all.map((rows) => rows.reduce((a, r) => a + yuan(r.expected_profit_fen), 0));
        const el = h('div', { class: 'chart', style: 'height:260px' });
        void whenShown(el).then(() => import('../charts')).then(({ drawChart }) => {
          if (!el.isConnected) return;
          app.onDispose(drawChart(el, months, [
            { name: t('forecast.revenue'), values: rev, color: '#2563eb' },
            { name: t('forecast.profit'), values: prof, type: 'line', color: '#16a34a' },
          ], fmt));
        });
        return el;
      }, { filter: (e) => e.stream.startsWith('project') }), { wide: true })));
}
