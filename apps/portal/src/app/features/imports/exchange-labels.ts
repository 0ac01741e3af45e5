import { EXCHANGE_IDS, type ExchangeConnectionView, type ExchangeId } from '@lotline/contracts';

export interface ExchangeChoice {
  readonly id: ExchangeId;
  readonly label: string;
  /** The exchange issues a passphrase with each API key (asked for only then). */
  readonly passphrase: boolean;
  /** The exchange's own names for the key fields, and what a read-only key needs there. */
  readonly keyLabel: string;
  readonly secretLabel: string;
  /** The secret is a multi-line PEM private key (pasted into a text area, kept whole). */
  readonly pemSecret: boolean;
  readonly keyHelp?: string;
  readonly permissions: string;
}

type Known = Pick<ExchangeChoice, 'label' | 'passphrase'> & Partial<Omit<ExchangeChoice, 'id' | 'label' | 'passphrase'>>;

/** Names and passphrase needs of exchanges ccxt knows; an exchange missing here still works, under its ccxt id. */
const KNOWN: Readonly<Record<string, Known>> = {
  kraken: { label: 'Kraken', passphrase: false, permissions: 'Query Funds, Query Closed Orders & Trades and Query Ledger Entries' },
  coinbase: {
    label: 'Coinbase',
    passphrase: false,
    keyLabel: 'API key name',
    keyHelp: 'The key’s "name" from the CDP key file: organizations/…/apiKeys/…',
    secretLabel: 'Private key',
    pemSecret: true,
    permissions: 'View (a Coinbase Developer Platform key; not Trade or Transfer)',
  },
  coinbaseexchange: { label: 'Coinbase Exchange', passphrase: true },
  gemini: { label: 'Gemini', passphrase: false, keyHelp: 'An account-scoped key (it starts with "account-").', secretLabel: 'API secret', permissions: 'the Auditor role' },
  binanceus: { label: 'Binance.US', passphrase: false },
  kucoin: { label: 'KuCoin', passphrase: true },
  okx: { label: 'OKX', passphrase: true },
  bitstamp: { label: 'Bitstamp', passphrase: false },
};

export function exchangeLabel(id: string): string {
  return KNOWN[id]?.label ?? id.charAt(0).toUpperCase() + id.slice(1);
}

/** The exchanges the API can sync (EXCHANGE_IDS): a new id there appears in the connect form. */
export const EXCHANGE_CHOICES: readonly ExchangeChoice[] = EXCHANGE_IDS.map((id) => {
  const k = KNOWN[id];
  return {
    id,
    label: exchangeLabel(id),
    passphrase: k?.passphrase ?? false,
    keyLabel: k?.keyLabel ?? 'API key',
    secretLabel: k?.secretLabel ?? 'Secret',
    pemSecret: k?.pemSecret ?? false,
    ...(k?.keyHelp ? { keyHelp: k.keyHelp } : {}),
    permissions: k?.permissions ?? 'read access to balances, trades, deposits and withdrawals',
  };
});

export function exchangeChoice(id: string): ExchangeChoice | undefined {
  return EXCHANGE_CHOICES.find((e) => e.id === id);
}

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
