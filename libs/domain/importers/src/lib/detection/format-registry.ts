import type { FormatId } from '../model/import-types';
import { binanceFormat } from '../sources/binance/binance-transaction-history.parser';
import { binanceUsFormat } from '../sources/binance-us/binance-us.parser';
import { bitstampFormat } from '../sources/bitstamp/bitstamp.parser';
import { coinbaseAdvancedFillsFormat } from '../sources/coinbase-advanced/coinbase-advanced-fills.parser';
import { coinbaseFormat } from '../sources/coinbase/coinbase.parser';
import { coinledgerUniversalFormat } from '../sources/coinledger/coinledger-universal.parser';
import { cointrackerFormat } from '../sources/cointracker/cointracker.parser';
import { cryptoComAppFormat } from '../sources/crypto-com/crypto-com-app.parser';
import { form1099DaFormat } from '../sources/form-1099-da/form-1099-da.parser';
import { geminiFormat } from '../sources/gemini/gemini.parser';
import { koinlyUniversalFormat } from '../sources/koinly/koinly-universal.parser';
import { krakenLedgersFormat } from '../sources/kraken/kraken-ledgers.parser';
import { krakenTradesFormat } from '../sources/kraken/kraken-trades.parser';
import { kucoinFormat } from '../sources/kucoin/kucoin.parser';
import { lotlineGenericFormat } from '../sources/lotline-generic/lotline-generic.parser';
import { robinhoodFormat } from '../sources/robinhood/robinhood.parser';
import type { SourceFormat } from '../sources/source-format';

/** Every supported format (detection scores all of them; ties go to the lower format id). */
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
  coinbaseAdvancedFillsFormat,
  binanceFormat,
  cryptoComAppFormat,
  kucoinFormat,
  bitstampFormat,
  robinhoodFormat,
];

const BY_ID = new Map<FormatId, SourceFormat>(SOURCE_FORMATS.map((f) => [f.id, f]));

export function findFormat(id: FormatId): SourceFormat | undefined {
  return BY_ID.get(id);
}
