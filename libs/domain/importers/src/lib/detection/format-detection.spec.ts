import { detectFormat, form1099DaTemplateCsv, FORMAT_IDS, genericTemplateCsv, importCsv, supportedFormats } from '../../index';

const options = { fileName: 'upload.csv', account: 'Main' };

describe('format detection', () => {
  it('detects every format from its own header with full confidence', async () => {
    const headers: Record<string, string> = {
      'lotline-generic-v1': genericTemplateCsv({ examples: false }),
      coinbase: 'ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes\n',
      'kraken-ledgers': '"txid","refid","time","type","subtype","aclass","asset","amount","fee","balance"\n',
      'koinly-universal': 'Date,Sent Amount,Sent Currency,Received Amount,Received Currency,Fee Amount,Fee Currency,Net Worth Amount,Net Worth Currency,Label,Description,TxHash\n',
      cointracker: 'Date,Received Quantity,Received Currency,Sent Quantity,Sent Currency,Fee Amount,Fee Currency,Tag\n',
    };
    for (const [format, header] of Object.entries(headers)) {
      const { detection } = await detectFormat(header);
      expect({ format: detection.format, confidence: detection.confidence }).toEqual({ format, confidence: 1 });
    }
  });

  it('finds the Coinbase header below its preamble and reports the header line', async () => {
    const text = ',,,,\nTransactions\nUser,"Jane",abc\nID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes\n';
    const { detection } = await detectFormat(text);
    expect(detection).toMatchObject({ format: 'coinbase', headerLine: 4, assumedTimeZone: 'UTC' });
  });

  it('lowers the confidence for unknown extra columns but still detects', async () => {
    const { detection } = await detectFormat('date,type,sent_asset,sent_amount,my column,another one\n');
    expect(detection.format).toBe('lotline-generic-v1');
    expect(detection.confidence).toBeGreaterThanOrEqual(0.75);
    expect(detection.confidence).toBeLessThan(1);
  });

  it('names the closest formats and the generic template for an unknown header', async () => {
    const result = await importCsv('Date,Sent Amount,Sent Currency,Received Amt,Received Coin,Comment\n2024-01-01,1,BTC,,,\n', options);
    expect(result.format).toBeNull();
    expect(result.events).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'UNKNOWN_FORMAT', line: 1, file: 'upload.csv' });
    expect(result.issues[0]?.message).toContain('Koinly universal template');
    expect(result.issues[0]?.message).toContain('Lotline generic CSV template');
  });

  it('honours a format override and reports the missing columns when the header does not fit', async () => {
    const forced = await importCsv(genericTemplateCsv(), { ...options, format: 'koinly-universal' });
    expect(forced.format).toBeNull();
    expect(forced.issues.map((i) => i.code)).toEqual(['MISSING_COLUMN']);
    expect(forced.issues[0]?.message).toContain('"sent amount"');
  });

  it('refuses binary and non-CSV documents with NOT_CSV', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a]);
    for (const input of [pdf, '{"transactions": []}', '<!DOCTYPE html><html></html>', 'a,b\n\u0000\u0001\u0002']) {
      const result = await importCsv(input, options);
      expect(result.issues.map((i) => ({ code: i.code, line: i.line }))).toEqual([{ code: 'NOT_CSV', line: 0 }]);
    }
  });

  it('lists every supported format with its zone and header variants', () => {
    const formats = supportedFormats();
    expect(formats.length).toBeGreaterThanOrEqual(10);
    for (const f of formats) {
      expect(f.headerVariants.length).toBeGreaterThan(0);
      expect(f.timeZone).not.toBe('');
    }
  });
});

describe('genericTemplateCsv', () => {
  it('starts with the exact v1 header', () => {
    expect(genericTemplateCsv({ examples: false })).toBe(
      'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note\n',
    );
  });

  it('ships example rows that import cleanly', async () => {
    const result = await importCsv(genericTemplateCsv(), options);
    expect(result.issues).toEqual([]);
    expect(result.events.map((e) => e.type)).toEqual(['buy', 'transfer', 'income', 'trade']);
  });
});

describe('format registry', () => {
  it('registers a parser for every format id (so the fixture spec covers them all)', () => {
    expect(supportedFormats().map((f) => f.id).sort()).toEqual([...FORMAT_IDS].sort());
  });
});

describe('form1099DaTemplateCsv', () => {
  it('is detected as 1099-DA and its example line imports cleanly', async () => {
    const result = await importCsv(form1099DaTemplateCsv(), options);
    expect(result.format).toBe('form-1099-da');
    expect(result.issues).toEqual([]);
    expect(result.form1099DaLines).toHaveLength(1);
    expect(result.form1099DaLines[0]).toMatchObject({ brokerName: 'Example Broker LLC', basisReportedToIrs: true, term: 'short', dateDisposed: '2025-06-30' });
  });
});
