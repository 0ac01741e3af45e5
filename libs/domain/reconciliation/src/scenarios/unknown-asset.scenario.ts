import type { Scenario } from './scenario';

export const TOKEN = '0x6982508145454ce325ddbe47a25d4ec3d2311933';
/** Shared by the detector and the map-asset resolution. */
export const unknownAssetEvents: Scenario['events'] = [
  { id: 'g1', account: 'metamask', at: '2024-04-01T00:00:00Z', type: 'gift_in', received: `1000000 ${TOKEN}`, usd: '10' },
  { id: 's1', account: 'metamask', at: '2024-04-02T00:00:00Z', type: 'sell', sent: `400000 ${TOKEN}`, received: '5 USD' },
  { id: 'i1', account: 'metamask', at: '2024-04-03T00:00:00Z', type: 'income', received: '0.01 ETH', usd: '33', kind: 'airdrop' },
];

export const unknownAsset: Scenario = {
  name: 'unknown-asset',
  rule: 'A contract address is not an asset symbol: one unknown-asset warning for the symbol, listing its two events (id by symbol).',
  events: unknownAssetEvents,
  expect: {
    warnings: [{ id: `unknown-asset:@${TOKEN}`, kind: 'unknown-asset', blocking: true, eventIds: ['g1', 's1'] }],
  },
};
