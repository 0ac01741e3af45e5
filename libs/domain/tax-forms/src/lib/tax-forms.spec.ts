import { taxForms } from './tax-forms';

describe('taxForms', () => {
  it('should work', () => {
    expect(taxForms()).toEqual('tax-forms');
  });
});
