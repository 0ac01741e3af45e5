import { taxEngine } from './tax-engine';

describe('taxEngine', () => {
  it('should work', () => {
    expect(taxEngine()).toEqual('tax-engine');
  });
});
