import { reconciliation } from './reconciliation';

describe('reconciliation', () => {
  it('should work', () => {
    expect(reconciliation()).toEqual('reconciliation');
  });
});
