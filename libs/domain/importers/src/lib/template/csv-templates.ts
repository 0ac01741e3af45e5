import { FORM_1099_DA_COLUMNS } from '../sources/form-1099-da/form-1099-da.parser';
import { GENERIC_COLUMNS } from '../sources/lotline-generic/lotline-generic.parser';

/**
 * The Lotline generic CSV v1 template: the header line, plus example rows unless `examples` is false.
 * Served by `lotline template generic` and the portal's template download.
 */
export function genericTemplateCsv(options: { readonly examples?: boolean } = {}): string {
  const header = GENERIC_COLUMNS.join(',');
  if (options.examples === false) return `${header}\n`;
  const rows = [
    '2024-03-01T14:05:00Z,buy,Coinbase,,USD,1000.00,BTC,0.015,USD,4.99,,,,,first purchase',
    '2024-03-09T09:30:00Z,transfer,Coinbase,Ledger,BTC,0.015,BTC,0.0149,,,,,,0xabc123,to cold storage',
    '2024-04-02T00:00:00Z,income,Ledger,,,,ETH,0.01,,,35.20,,staking,,',
    '2024-05-20T18:45:00-04:00,trade,Coinbase,,BTC,0.005,ETH,0.09,,,310.50,,,,',
  ];
  return `${header}\n${rows.join('\n')}\n`;
}

/** The Lotline 1099-DA CSV v1 template (one row per form line), with an example row unless `examples` is false. */
export function form1099DaTemplateCsv(options: { readonly examples?: boolean } = {}): string {
  const header = FORM_1099_DA_COLUMNS.join(',');
  if (options.examples === false) return `${header}\n`;
  return `${header}\nExample Broker LLC,BTC,Bitcoin,0.015,2025-01-15,2025-06-30,1612.50,1450.00,X,S,,,\n`;
}
