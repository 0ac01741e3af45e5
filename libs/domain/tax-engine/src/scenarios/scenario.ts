import { dec, type EventType, type IncomeKind, type LedgerEvent } from '@lotline/ledger';
import type { BrokerLine, EngineInput, EngineSettings, LotMethod, SafeHarborRule } from '../lib/engine-types';

/** Compact event notation for golden scenarios: amounts as "1.5 BTC", money as decimal text. */
export interface ScenarioEvent {
  readonly id: string;
  readonly account: string;
  readonly at: string;
  readonly type: EventType;
  readonly sent?: string;
  readonly received?: string;
  readonly fee?: string;
  readonly usd?: string;
  readonly feeUsd?: string;
  readonly to?: string;
  readonly kind?: IncomeKind;
  /** Source line (defaults to the position in the list, 1-based). */
  readonly line?: number;
}

export type Expected = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface Scenario {
  readonly name: string;
  /** The rule the scenario pins down, and how the expected rows were checked by hand. */
  readonly rule: string;
  readonly settings?: Partial<Omit<EngineSettings, 'safeHarbor'>>;
  readonly safeHarbor?: SafeHarborRule;
  readonly events: readonly ScenarioEvent[];
  readonly specificId?: readonly { readonly eventId: string; readonly picks: readonly { readonly lotId: string; readonly quantity: string }[] }[];
  readonly brokerLines?: readonly (Omit<BrokerLine, 'proceeds' | 'costBasis'> & { readonly proceeds?: string; readonly costBasis?: string })[];
  readonly giftCarryovers?: readonly { readonly eventId: string; readonly costBasis: string; readonly acquiredAt: string }[];
  /** Each list is compared in full (same length, same order) on the keys its entries name. */
  readonly expect: {
    readonly disposals?: readonly Expected[];
    readonly income?: readonly Expected[];
    readonly removals?: readonly Expected[];
    readonly warnings?: readonly Expected[];
    readonly holdings?: readonly Expected[];
    readonly lotAllocations?: readonly Expected[];
    readonly lots?: readonly Expected[];
    readonly years?: readonly Expected[];
  };
}

function amount(text: string): { asset: string; amount: ReturnType<typeof dec> } {
  const [qty, asset] = text.trim().split(/\s+/);
  return { asset, amount: dec(qty) };
}

export function scenarioEvents(s: Scenario): LedgerEvent[] {
  return s.events.map((e, i) => ({
    id: e.id,
    account: e.account,
    timestamp: e.at,
    type: e.type,
    ...(e.sent === undefined ? {} : { sent: amount(e.sent) }),
    ...(e.received === undefined ? {} : { received: amount(e.received) }),
    ...(e.fee === undefined ? {} : { fee: amount(e.fee) }),
    ...(e.usd === undefined ? {} : { usdValue: dec(e.usd) }),
    ...(e.feeUsd === undefined ? {} : { feeUsd: dec(e.feeUsd) }),
    ...(e.to === undefined ? {} : { toAccount: e.to }),
    ...(e.kind === undefined ? {} : { incomeKind: e.kind }),
    source: { kind: 'file', fileName: `${s.name}.csv`, line: e.line ?? i + 1 },
  }));
}

export function scenarioInput(s: Scenario, method?: LotMethod): EngineInput {
  return {
    events: scenarioEvents(s),
    settings: {
      timeZone: 'UTC',
      defaultMethod: 'fifo',
      scope: 'rev-proc-2024-28',
      transferFee: 'dispose',
      ...s.settings,
      ...(method === undefined ? {} : { defaultMethod: method }),
      ...(s.safeHarbor === undefined ? {} : { safeHarbor: s.safeHarbor }),
    },
    specificId: s.specificId?.map((sel) => ({ eventId: sel.eventId, picks: sel.picks.map((p) => ({ lotId: p.lotId, quantity: dec(p.quantity) })) })),
    brokerLines: s.brokerLines?.map((l) => ({
      eventId: l.eventId,
      form: l.form,
      basisReported: l.basisReported,
      ...(l.proceeds === undefined ? {} : { proceeds: dec(l.proceeds) }),
      ...(l.costBasis === undefined ? {} : { costBasis: dec(l.costBasis) }),
    })),
    giftCarryovers: s.giftCarryovers?.map((g) => ({ eventId: g.eventId, costBasis: dec(g.costBasis), acquiredAt: g.acquiredAt })),
  };
}
