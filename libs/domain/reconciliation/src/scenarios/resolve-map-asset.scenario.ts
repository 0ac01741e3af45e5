import type { Scenario } from './scenario';
import { TOKEN, unknownAssetEvents } from './unknown-asset.scenario';

export const resolveMapAsset: Scenario = {
  name: 'resolve-map-asset',
  rule: 'Mapping the contract address to PEPE rewrites both events (new objects, the imported rows untouched); no unknown asset left.',
  events: unknownAssetEvents,
  resolutions: [{ id: 'r1', payload: { action: 'map-asset', from: TOKEN, to: 'PEPE' }, warningIds: [`unknown-asset:@${TOKEN}`] }],
  expect: {
    warnings: [],
    events: [
      { id: 'g1', received: '1000000 PEPE', resolutionIds: ['r1'] },
      { id: 's1', sent: '400000 PEPE', resolutionIds: ['r1'] },
      { id: 'i1', received: '0.01 ETH', resolutionIds: [] },
    ],
  },
};
