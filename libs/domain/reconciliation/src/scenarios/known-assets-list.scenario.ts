import type { Scenario } from './scenario';

export const knownAssetsList: Scenario = {
  name: 'known-assets-list',
  rule: 'With a list of known assets, a well-formed but unlisted symbol (XYZ) is unknown; listed ones (BTC) are not.',
  settings: { knownAssets: ['BTC', 'ETH'] },
  events: [
    { id: 'b1', account: 'kraken', at: '2024-04-01T00:00:00Z', type: 'buy', sent: '100 USD', received: '0.001 BTC' },
    { id: 'b2', account: 'kraken', at: '2024-04-02T00:00:00Z', type: 'buy', sent: '100 USD', received: '50 XYZ' },
  ],
  expect: { warnings: [{ id: 'unknown-asset:@XYZ', eventIds: ['b2'] }] },
};
