import { randomBytes } from 'node:crypto';
import { SecretBox } from '../secrets/secret-box';
import { maskTaxpayerId, normalizeTaxpayerId, openTaxpayerId, sealTaxpayerId } from './taxpayer-id';

describe('taxpayer id', () => {
  it('normalises SSN/ITIN and EIN to their printed form and refuses anything else', () => {
    expect(normalizeTaxpayerId(' 123456789 ')).toBe('123-45-6789');
    expect(normalizeTaxpayerId('912-70-1234')).toBe('912-70-1234');
    expect(normalizeTaxpayerId('12-3456789')).toBe('12-3456789');
    for (const bad of ['12-34-5678', '1234567890', '000-12-3456', '123-00-4567', '123-45-0000', '123 45 6789', 'abc-de-fghi', '']) expect(normalizeTaxpayerId(bad)).toBeNull();
  });

  it('masks to the last 4 digits only', () => {
    expect(maskTaxpayerId('123-45-6789')).toBe('•••-••-6789');
    expect(maskTaxpayerId('12-3456789')).toBe('•••-••-6789');
  });

  it('seals bound to the client: the sealed text does not hold the id and opens only for that client', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = sealTaxpayerId(box, 'client-a', '123-45-6789');
    expect(sealed).not.toMatch(/123-?45-?6789/);
    expect(openTaxpayerId(box, 'client-a', sealed)).toBe('123-45-6789');
    expect(() => openTaxpayerId(box, 'client-b', sealed)).toThrow();
  });
});
