import { loadConfig, ConfigError } from '../config/app-config';
import { parsePriceCsv } from './price-csv.parser';
import { dayRanges } from './price-fetch.runner';

describe('parsePriceCsv', () => {
  it('reads aliases, a BOM, CRLF, exponents and offsets; days at 00:00 UTC, instants as minute prices', () => {
    const text = '\uFEFFTimestamp,Symbol,Price\r\n2024-03-01,btc,6.1E4\r\n2024-03-01T09:05:00-05:00,Eth,0.000000000000000001\r\n\r\n';
    expect(parsePriceCsv(text, 'p.csv')).toEqual({
      rowCount: 2,
      issues: [],
      rows: [
        { line: 2, asset: 'BTC', at: '2024-03-01T00:00:00.000Z', granularity: 'day', priceUsd: '61000', source: 'csv:p.csv' },
        { line: 3, asset: 'ETH', at: '2024-03-01T14:05:00.000Z', granularity: 'minute', priceUsd: '0.000000000000000001', source: 'csv:p.csv' },
      ],
    });
  });

  it('keeps a repeated identical row once and stores nothing when any row is bad', () => {
    const same = parsePriceCsv('date,asset,price_usd\n2024-03-01,BTC,1\n2024-03-01,BTC,1.0\n', 'p.csv');
    expect(same.rows).toHaveLength(1);
    const bad = parsePriceCsv('date,asset,price_usd,granularity\n2024-03-01,BTC,1\n2024-03-01T10:30:00Z,BTC,2,hour\n2024-03-01,BTC,"1,000"\n', 'p.csv');
    expect(bad.rows).toEqual([]);
    expect(bad.issues.map((i) => [i.line, i.column])).toEqual([[3, 'granularity'], [4, 'price_usd']]);
  });
});

describe('dayRanges', () => {
  it('merges needed days up to a week apart into one fetch range', () => {
    const d = (s: string) => Date.parse(`${s}T00:00:00Z`);
    expect(dayRanges(['2024-05-04', '2024-05-01', '2024-05-11', '2024-05-30'])).toEqual([[d('2024-05-01'), d('2024-05-11')], [d('2024-05-30'), d('2024-05-30')]]);
  });
});

describe('price settings', () => {
  it('is offline unless LOTLINE_PRICE_EXCHANGE names an exchange id', () => {
    expect(loadConfig({}, '/tmp').priceExchange).toBeUndefined();
    expect(loadConfig({ LOTLINE_PRICE_EXCHANGE: 'Kraken' }, '/tmp').priceExchange).toBe('kraken');
    expect(loadConfig({ LOTLINE_PRICE_EXCHANGE: 'off' }, '/tmp').priceExchange).toBeUndefined();
    expect(() => loadConfig({ LOTLINE_PRICE_EXCHANGE: 'kraken.com' }, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ LOTLINE_PRICE_API_BASE_URL: 'ftp://x' }, '/tmp')).toThrow(ConfigError);
  });
});
