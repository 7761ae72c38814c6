import { describe, it, expect } from 'vitest';
import {
  formatMoney, formatMoneyCompact, parseYuanToFen, formatDateTime, formatDate, toZonedRfc3339,
  zonedInputToDate, toZonedInputValue, sortByName, nameCollator,
} from '../src/format';

describe('money (integer fen → yuan)', () => {
  it('formats with thousands separators, exactly', () => {
    expect(formatMoney(123456789, 'en')).toBe('¥1,234,567.89');
    expect(formatMoney(123456789, 'zh')).toBe('1,234,567.89 元');
    expect(formatMoney('123456789', 'zh')).toBe('1,234,567.89 元');
    expect(formatMoney(5, 'en')).toBe('¥0.05');
    expect(formatMoney(0, 'zh')).toBe('0.00 元');
    expect(formatMoney(-150000, 'en')).toBe('-¥1,500.00');
    // beyond 2^53: no float rounding
    expect(formatMoney('900719925474099123', 'en')).toBe('¥9,007,199,254,740,991.23');
  });
  it('shows a dash for missing or non-integer values', () => {
    expect(formatMoney(undefined, 'en')).toBe('—');
    expect(formatMoney(1.5, 'en')).toBe('—');
    expect(formatMoney('12.30', 'en')).toBe('—');
  });
  it('compact form for charts', () => {
    expect(formatMoneyCompact(123456789, 'zh')).toBe('123.5万');
    expect(formatMoneyCompact(25000000000, 'zh')).toBe('2.5亿');
    expect(formatMoneyCompact(123456789, 'en')).toBe('¥1.2M');
  });
  it('parses what people type', () => {
    expect(parseYuanToFen('1,234,567.89')).toBe(123456789n);
    expect(parseYuanToFen('1234.5')).toBe(123450n);
    expect(parseYuanToFen('¥ 80')).toBe(8000n);
    expect(parseYuanToFen('1，000 元')).toBe(100000n);
    expect(parseYuanToFen('1.234')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
  });
});

describe('dates in the company time zone (Asia/Shanghai)', () => {
  it('shows instants in Shanghai time whatever their offset', () => {
    expect(formatDateTime('2026-11-22T01:30:00Z', 'zh')).toBe('2026/11/22 09:30');
    expect(formatDateTime('2026-11-22T09:30:00+08:00', 'zh')).toBe('2026/11/22 09:30');
    expect(formatDateTime('2026-11-21T23:30:00-08:00', 'en')).toBe('22/11/2026, 15:30');
    expect(formatDate('2026-11-22T17:00:00Z', 'zh')).toBe('2026/11/23');
  });
  it('keeps calendar dates as they are', () => {
    expect(formatDate('2026-03-01', 'zh')).toBe('2026/03/01');
    expect(formatDate('2026-03-01', 'en')).toBe('01/03/2026');
    expect(formatDateTime(undefined, 'zh')).toBe('—');
    expect(formatDateTime('garbage', 'zh')).toBe('—');
  });
  it('writes RFC 3339 with the +08:00 offset and reads datetime-local as Shanghai wall time', () => {
    const at = new Date('2026-11-22T01:30:00Z');
    expect(toZonedRfc3339(at)).toBe('2026-11-22T09:30:00+08:00');
    expect(toZonedInputValue(at)).toBe('2026-11-22T09:30');
    expect(zonedInputToDate('2026-11-22T09:30')!.toISOString()).toBe('2026-11-22T01:30:00.000Z');
    expect(zonedInputToDate('nope')).toBeNull();
  });
  it('handles other zones, including DST', () => {
    expect(toZonedRfc3339(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01T14:00:00+02:00');
    expect(zonedInputToDate('2026-01-15T08:00', 'Europe/Berlin')!.toISOString()).toBe('2026-01-15T07:00:00.000Z');
  });
});

describe('pinyin sorting of Chinese names', () => {
  it('orders by pinyin, not by code point', () => {
    const names = ['张伟', '李娜', '王芳', '赵磊', '陈静', '白雪', '欧阳明'];
    expect(sortByName(names, (x) => x)).toEqual(['白雪', '陈静', '李娜', '欧阳明', '王芳', '张伟', '赵磊']);
    // code-point order would differ: prove the collator is doing the work
    expect([...names].sort()).not.toEqual(sortByName(names, (x) => x));
  });
  it('sorts company names; Latin names after Chinese ones, as in CLDR zh order', () => {
    const names = ['中国石化', '阿里巴巴', 'Baidu', '华为技术', '北京城建'];
    expect(sortByName(names, (x) => x)).toEqual(['阿里巴巴', '北京城建', '华为技术', '中国石化', 'Baidu']);
  });
  it('is stable and numeric-aware', () => {
    expect(sortByName(['项目10', '项目2', '项目1'], (x) => x)).toEqual(['项目1', '项目2', '项目10']);
    expect(nameCollator().compare('李', '张')).toBeLessThan(0);
  });
});
