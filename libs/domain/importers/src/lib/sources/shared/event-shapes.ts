/** Helpers shared by parsers that describe events as sent/received sides. */
import { type AssetAmount, type Decimal, type EventType, type IncomeKind, USD } from '@lotline/ledger';

/** USD on one side makes a buy or sell; otherwise crypto-to-crypto is a trade. */
export function tradeType(sent: AssetAmount, received: AssetAmount): 'buy' | 'sell' | 'trade' {
  if (sent.asset === USD) return 'buy';
  if (received.asset === USD) return 'sell';
  return 'trade';
}

/** The USD value a buy/sell carries on its USD side. */
export function usdSide(sent: AssetAmount | undefined, received: AssetAmount | undefined): Decimal | undefined {
  if (sent?.asset === USD) return sent.amount;
  if (received?.asset === USD) return received.amount;
  return undefined;
}

/** What a label/tag/type of a universal template means. */
export interface LabelMeaning {
  readonly type: EventType;
  readonly incomeKind?: IncomeKind;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

export const income = (incomeKind: IncomeKind): LabelMeaning => ({ type: 'income', incomeKind });

/**
 * Infers the event type from which sides are present, refined by a label meaning (if any).
 * Returns a message when the sides do not fit the label.
 */
export function inferType(
  sent: AssetAmount | undefined,
  received: AssetAmount | undefined,
  hasFee: boolean,
  meaning: LabelMeaning | undefined,
): LabelMeaning | string {
  if (meaning !== undefined) {
    const needsReceived = meaning.type === 'income' || meaning.type === 'gift_in' || meaning.type === 'deposit';
    const needsSent = meaning.type === 'gift_out' || meaning.type === 'lost' || meaning.type === 'spend' || meaning.type === 'withdrawal';
    if (needsReceived && (received === undefined || sent !== undefined)) return `${article(meaning.type)} ${meaning.type} row has only a received side`;
    if (needsSent && (sent === undefined || received !== undefined)) return `${article(meaning.type)} ${meaning.type} row has only a sent side`;
    if (meaning.type === 'trade') {
      return sent !== undefined && received !== undefined ? { type: tradeType(sent, received) } : 'a trade row needs both a sent and a received side';
    }
    if (needsReceived || needsSent || meaning.type === 'fee') return meaning;
  }
  if (sent !== undefined && received !== undefined) return { type: tradeType(sent, received) };
  if (received !== undefined) return { type: 'deposit' };
  if (sent !== undefined) return { type: 'withdrawal' };
  if (hasFee) return { type: 'fee' };
  return 'the row has no sent, received or fee amount';
}
