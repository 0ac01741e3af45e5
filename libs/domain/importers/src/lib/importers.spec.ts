import { importers } from './importers';

describe('importers', () => {
  it('should work', () => {
    expect(importers()).toEqual('importers');
  });
});
