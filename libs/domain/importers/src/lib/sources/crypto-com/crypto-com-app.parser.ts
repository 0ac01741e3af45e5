/**
 * Crypto.com App transaction export: Timestamp (UTC), Transaction Description, Currency, Amount, To Currency,
 * To Amount, Native Currency, Native Amount, Native Amount (in USD), Transaction Kind[, Transaction Hash].
 * Amount is signed (negative = out). The Transaction Kind decides the event; dust conversions (several debits and
 * one CRO credit at the same time) become one trade per debited coin, the CRO split by USD value.
 */
import { type AssetAmount, type Decimal, type IncomeKind, USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type EventDraft, type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';

const INCOME: Readonly<Record<string, IncomeKind>> = {
  referral_card_cashback: 'reward', card_cashback: 'reward', reimbursement: 'reward', referral_bonus: 'reward',
  referral_gift: 'reward', gift_card_reward: 'reward', supercharger_reward_to_app_credited: 'reward',
  rewards_platform_deposit_credited: 'reward', admin_wallet_credited: 'reward', crypto_earn_interest_paid: 'interest',
  crypto_earn_extra_interest_paid: 'interest', mco_stake_reward: 'staking', staking_reward: 'staking', airdrop_to_app_credited: 'airdrop',
};
const INTERNAL = new Set([
  'crypto_earn_program_created', 'crypto_earn_program_withdrawn', 'lockup_lock', 'lockup_unlock', 'lockup_upgrade',
  'supercharger_deposit', 'supercharger_withdrawal', 'crypto_wallet_swap_credited', 'crypto_wallet_swap_debited',
]);
const TRADES = new Set(['crypto_purchase', 'viban_purchase', 'crypto_viban_exchange', 'crypto_exchange', 'card_top_up', 'van_sell_order']);

interface Dust {
  readonly line: number;
  readonly moved: AssetAmount;
  readonly usd: Decimal | undefined;
}

function createCryptoComParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    time: r.col('timestamp (utc)'), desc: r.col('transaction description'), currency: r.col('currency'), amount: r.col('amount'),
    toCurrency: r.col('to currency'), toAmount: r.col('to amount'), nativeCurrency: r.col('native currency'),
    nativeAmount: r.col('native amount'), usd: r.col('native amount (in usd)'), kind: r.col('transaction kind'), hash: r.col('transaction hash'),
  };
  let dustTime = '';
  let debits: Dust[] = [];
  let credit: { line: number; moved: AssetAmount } | undefined;

  const flushDust = (): void => {
    if (debits.length === 0 && credit === undefined) return;
    const rows = debits;
    const cro = credit;
    debits = [];
    credit = undefined;
    if (cro === undefined || rows.length === 0 || rows.some((d) => d.usd === undefined)) {
      sink.issue((cro ?? rows[0])?.line ?? 0, 'UNMATCHED_LEG', `the dust conversion at ${dustTime} needs its debits (with USD values) and its credit`, header.raw[c.kind]);
      return;
    }
    const totalUsd = rows.reduce((t, d) => t.plus(d.usd as Decimal), cro.moved.amount.minus(cro.moved.amount));
    for (const d of rows) {
      const share = totalUsd.isZero() ? cro.moved.amount.div(rows.length) : cro.moved.amount.times(d.usd as Decimal).div(totalUsd);
      const received = { asset: cro.moved.asset, amount: share.toDecimalPlaces(18) };
      sink.event(d.line, makeDraft(sink.account, dustTime, 'trade', { sent: d.moved, received, usdValue: d.usd, note: 'dust conversion' }));
    }
  };

  return {
    row(fields, line) {
      r.start(fields, line);
      const timestamp = r.timestamp(c.time, { zone: 'UTC' });
      const kind = r.required(c.kind, 'Transaction Kind')?.toLowerCase();
      const asset = r.asset(c.currency);
      const amount = r.signed(c.amount, true);
      const nativeUsd = r.magnitude(c.usd);
      const native = r.magnitude(c.nativeAmount);
      if (!r.ok || timestamp === undefined || kind === undefined || asset === undefined || amount === undefined) return;
      const usd = nativeUsd ?? (r.text(c.nativeCurrency).toUpperCase() === USD ? native : undefined);
      const moved: AssetAmount = { asset, amount: amount.abs() };
      const note = r.text(c.desc);
      const hash = r.text(c.hash);
      const emit = (draft: EventDraft): void => sink.event(line, draft, hash === '' ? undefined : hash);
      const draft = (type: Parameters<typeof makeDraft>[2], parts: Parameters<typeof makeDraft>[3]): EventDraft =>
        makeDraft(sink.account, timestamp, type, { note, usdValue: usd, externalId: hash, ...parts });

      if (kind === 'dust_conversion_debited' || kind === 'dust_conversion_credited') {
        if (timestamp !== dustTime) flushDust();
        dustTime = timestamp;
        if (kind === 'dust_conversion_credited') credit = { line, moved };
        else debits.push({ line, moved, usd });
        return;
      }
      flushDust();
      if (INTERNAL.has(kind)) return;
      if (TRADES.has(kind)) {
        const toAsset = r.asset(c.toCurrency, kind !== 'crypto_purchase');
        const toAmount = r.magnitude(c.toAmount, kind !== 'crypto_purchase');
        if (!r.ok) return;
        let sent: AssetAmount;
        let received: AssetAmount;
        if (kind === 'crypto_purchase') {
          if (usd === undefined) {
            r.fail('MISSING_FIELD', 'a purchase needs its USD amount', c.usd, '');
            return;
          }
          sent = { asset: USD, amount: usd };
          received = moved;
        } else {
          sent = moved;
          received = { asset: toAsset as string, amount: toAmount as Decimal };
        }
        emit(draft(tradeType(sent, received), { sent, received, usdValue: usdSide(sent, received) ?? usd }));
        return;
      }
      const incomeKind = INCOME[kind];
      if (incomeKind !== undefined && amount.isPositive()) {
        emit(draft('income', { received: moved, incomeKind }));
        return;
      }
      switch (kind) {
        case 'crypto_deposit':
        case 'viban_deposit':
        case 'exchange_to_crypto_transfer':
        case 'crypto_transfer':
        case 'card_cashback_reverted':
        case 'reimbursement_reverted':
        case 'crypto_withdrawal':
        case 'viban_withdrawal':
        case 'crypto_to_exchange_transfer':
          emit(amount.isNegative() ? draft('withdrawal', { sent: moved }) : draft('deposit', { received: moved }));
          return;
        case 'crypto_payment':
          emit(draft('spend', { sent: moved }));
          return;
        default:
          r.fail('UNKNOWN_TYPE', `unknown Crypto.com transaction kind "${r.text(c.kind)}"`, c.kind);
      }
    },
    finish() {
      flushDust();
    },
  };
}

export const cryptoComAppFormat: SourceFormat = {
  id: 'crypto-com-app',
  label: 'Crypto.com App',
  family: 'crypto-com',
  timeZone: 'UTC',
  headerVariants: [
    {
      required: ['timestamp (utc)', 'transaction description', 'currency', 'amount', 'to currency', 'to amount', 'transaction kind'],
      optional: ['native currency', 'native amount', 'native amount (in usd)', 'transaction hash'],
    },
  ],
  createRowParser: createCryptoComParser,
};
