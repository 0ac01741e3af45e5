import type { FormatId } from '../model/import-types';
import { binanceUsFormat } from '../sources/binance-us/binance-us.parser';
import { coinbaseFormat } from '../sources/coinbase/coinbase.parser';
import { coinledgerUniversalFormat } from '../sources/coinledger/coinledger-universal.parser';
import { cointrackerFormat } from '../sources/cointracker/cointracker.parser';
import { form1099DaFormat } from '../sources/form-1099-da/form-1099-da.parser';
import { geminiFormat } from '../sources/gemini/gemini.parser';
import { koinlyUniversalFormat } from '../sources/koinly/koinly-universal.parser';
import { krakenLedgersFormat } from '../sources/kraken/kraken-ledgers.parser';
import { krakenTradesFormat } from '../sources/kraken/kraken-trades.parser';
import { lotlineGenericFormat } from '../sources/lotline-generic/lotline-generic.parser';
import type { SourceFormat } from '../sources/source-format';

/** Every supported format, in detection tie-break order. */
export const SOURCE_FORMATS: readonly SourceFormat[] = [
  lotlineGenericFormat,
  coinbaseFormat,
  krakenLedgersFormat,
  krakenTradesFormat,
  koinlyUniversalFormat,
  cointrackerFormat,
  coinledgerUniversalFormat,
  geminiFormat,
  binanceUsFormat,
  form1099DaFormat,
];

const BY_ID = new Map<FormatId, SourceFormat>(SOURCE_FORMATS.map((f) => [f.id, f]));

export function findFormat(id: FormatId): SourceFormat | undefined {
  return BY_ID.get(id);
}
