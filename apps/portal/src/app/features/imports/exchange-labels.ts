import { EXCHANGE_IDS, type ExchangeConnectionView, type ExchangeId } from '@lotline/contracts';

export interface ExchangeChoice {
  readonly id: ExchangeId;
  readonly label: string;
  /** The exchange issues a passphrase with each API key (asked for only then). */
  readonly passphrase: boolean;
}

/** Names and passphrase needs of exchanges ccxt knows; an exchange missing here still works, under its ccxt id. */
const KNOWN: Readonly<Record<string, Omit<ExchangeChoice, 'id'>>> = {
  kraken: { label: 'Kraken', passphrase: false },
  coinbase: { label: 'Coinbase', passphrase: false },
  coinbaseexchange: { label: 'Coinbase Exchange', passphrase: true },
  gemini: { label: 'Gemini', passphrase: false },
  binanceus: { label: 'Binance.US', passphrase: false },
  kucoin: { label: 'KuCoin', passphrase: true },
  okx: { label: 'OKX', passphrase: true },
  bitstamp: { label: 'Bitstamp', passphrase: false },
};

export function exchangeLabel(id: string): string {
  return KNOWN[id]?.label ?? id.charAt(0).toUpperCase() + id.slice(1);
}

/** The exchanges the API can sync (EXCHANGE_IDS): a new id there appears in the connect form. */
export const EXCHANGE_CHOICES: readonly ExchangeChoice[] = EXCHANGE_IDS.map((id) => ({ id, label: exchangeLabel(id), passphrase: KNOWN[id]?.passphrase ?? false }));

export function needsPassphrase(id: string): boolean {
  return EXCHANGE_CHOICES.find((e) => e.id === id)?.passphrase ?? false;
}

/** "••••1234": all that is ever shown of a key. */
export function keyHintText(c: Pick<ExchangeConnectionView, 'keyHint'>): string {
  return `••••${c.keyHint}`;
}

/** "0.50000" -> "0.5", "12.000" -> "12". */
function trimDecimal(v: string): string {
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

/** Non-zero balances by asset, cut to `max`: "XXBT 0.5, ZUSD 100 and 2 more". */
export function balancesSummary(balances: ExchangeConnectionView['balances'], max = 3): string {
  if (!balances) return '—';
  const held = Object.entries(balances)
    .filter(([, v]) => /[1-9]/.test(v))
    .sort(([a], [b]) => a.localeCompare(b));
  if (!held.length) return 'None';
  const shown = held.slice(0, max).map(([asset, v]) => `${asset} ${trimDecimal(v)}`);
  return held.length > max ? `${shown.join(', ')} and ${held.length - max} more` : shown.join(', ');
}
