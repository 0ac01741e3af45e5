import type { LedgerEvent, SourceRef } from '@lotline/ledger';
import { TaxEngineError } from './tax-engine-error';

function cmpText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const KIND_RANK = { file: 0, api: 1, manual: 2 } as const;

/** Source order: files by name then line, API records by exchange then record id, manual entries by author. */
export function compareSources(a: SourceRef, b: SourceRef): number {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  switch (a.kind) {
    case 'file': {
      const o = b as typeof a;
      return cmpText(a.fileName, o.fileName) || a.line - o.line;
    }
    case 'api': {
      const o = b as typeof a;
      return cmpText(a.exchange, o.exchange) || cmpText(a.recordId, o.recordId);
    }
    case 'manual':
      return cmpText(a.enteredBy, (b as typeof a).enteredBy);
  }
}

export interface OrderedEvents {
  /** Indexes into the input, in processing order. */
  readonly order: Uint32Array;
  /** Epoch milliseconds per input index. */
  readonly ms: Float64Array;
}

/**
 * Processing order: timestamp, then source order, then id, so the result does not depend on the order of the input
 * array. Timestamps are parsed once; an already ordered input is detected in one pass and not re-sorted.
 */
export function orderEvents(events: readonly LedgerEvent[]): OrderedEvents {
  const n = events.length;
  const ms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = Date.parse(events[i].timestamp);
    if (Number.isNaN(t)) {
      throw new TaxEngineError('invalid-timestamp', `event ${events[i].id} has an invalid timestamp ${JSON.stringify(events[i].timestamp)}`);
    }
    ms[i] = t;
  }
  const compare = (a: number, b: number): number =>
    ms[a] - ms[b] || compareSources(events[a].source, events[b].source) || cmpText(events[a].id, events[b].id);
  const order = new Uint32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && sorted && compare(i - 1, i) > 0) sorted = false;
  }
  if (!sorted) {
    const idx = Array.from(order).sort(compare);
    order.set(idx);
  }
  return { order, ms };
}
