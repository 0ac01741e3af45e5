/**
 * One parser for the "universal" templates of other tax tools (Koinly, CoinTracker, CoinLedger): each row has a
 * sent side, a received side, a fee and a label/tag/type that refines the meaning. Columns and labels differ per tool.
 */
import { type AssetAmount, USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink } from '../source-format';
import { inferType, type LabelMeaning, usdSide } from './event-shapes';

export interface SidesTemplateSpec {
  readonly tool: string;
  readonly zone: string;
  readonly date: readonly string[];
  readonly sentAmount: string;
  readonly sentAsset: string;
  readonly receivedAmount: string;
  readonly receivedAsset: string;
  readonly feeAmount: string;
  readonly feeAsset: string;
  readonly label: string;
  /** Labels that mean nothing special (the sides decide). */
  readonly plainLabels: ReadonlySet<string>;
  readonly labels: Readonly<Record<string, LabelMeaning | 'unsupported'>>;
  readonly worthAmount?: string;
  readonly worthCurrency?: string;
  readonly description?: string;
  readonly txHash?: string;
  readonly platform?: string;
}

export function createSidesTemplateParser(spec: SidesTemplateSpec, header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    date: r.col(...spec.date),
    sentAmount: r.col(spec.sentAmount), sentAsset: r.col(spec.sentAsset),
    receivedAmount: r.col(spec.receivedAmount), receivedAsset: r.col(spec.receivedAsset),
    feeAmount: r.col(spec.feeAmount), feeAsset: r.col(spec.feeAsset),
    label: r.col(spec.label),
    worth: spec.worthAmount === undefined ? -1 : r.col(spec.worthAmount),
    worthCurrency: spec.worthCurrency === undefined ? -1 : r.col(spec.worthCurrency),
    description: spec.description === undefined ? -1 : r.col(spec.description),
    txHash: spec.txHash === undefined ? -1 : r.col(spec.txHash),
  };

  const side = (amountCol: number, assetCol: number): AssetAmount | undefined => {
    if (r.text(amountCol) === '' && r.text(assetCol) === '') return undefined;
    const amount = r.positive(amountCol, { required: true, allowZero: true });
    const asset = r.asset(assetCol);
    if (amount === undefined || asset === undefined || amount.isZero()) return undefined;
    return { asset, amount };
  };

  return {
    row(fields, line) {
      r.start(fields, line);
      const timestamp = r.timestamp(c.date, { zone: spec.zone });
      const sent = side(c.sentAmount, c.sentAsset);
      const received = side(c.receivedAmount, c.receivedAsset);
      const fee = side(c.feeAmount, c.feeAsset);
      const worth = r.positive(c.worth, { allowZero: true });
      if (!r.ok || timestamp === undefined) return;
      const labelText = r.text(c.label).toLowerCase();
      let meaning: LabelMeaning | undefined;
      if (labelText !== '' && !spec.plainLabels.has(labelText)) {
        const m = spec.labels[labelText];
        if (m === undefined) {
          r.fail('UNKNOWN_TYPE', `unknown ${spec.tool} label "${r.text(c.label)}"`, c.label);
          return;
        }
        if (m === 'unsupported') {
          r.fail('UNSUPPORTED_TYPE', `${spec.tool} label "${r.text(c.label)}" is not supported by Lotline`, c.label);
          return;
        }
        meaning = m;
      }
      const kind = inferType(sent, received, fee !== undefined, meaning);
      if (typeof kind === 'string') {
        r.fail('INCONSISTENT_ROW', kind, c.label);
        return;
      }
      const worthCurrency = c.worthCurrency < 0 ? USD : r.text(c.worthCurrency).toUpperCase() || USD;
      const usdValue = worthCurrency === USD && worth !== undefined ? worth : usdSide(sent, received);
      const externalId = r.text(c.txHash);
      const draft = makeDraft(sink.account, timestamp, kind.type, {
        sent: kind.type === 'fee' ? undefined : sent,
        received,
        fee,
        usdValue,
        incomeKind: kind.incomeKind,
        externalId,
        note: r.text(c.description),
      });
      sink.event(line, draft, externalId);
    },
    finish() {
      // Rows are independent.
    },
  };
}
