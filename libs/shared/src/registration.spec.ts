import { describe, expect, it } from 'vitest';
import { formatRegistrationNumber, isValidRegistrationNumber } from './registration';

describe('isValidRegistrationNumber', () => {
  it('accepts Belgian enterprise numbers with a correct mod-97 check, however written', () => {
    expect(isValidRegistrationNumber('BE', '0403.170.701')).toBe(true);
    expect(isValidRegistrationNumber('BE', 'BE 0403 170 701')).toBe(true);
    expect(isValidRegistrationNumber('BE', '0403.170.702')).toBe(false);
    expect(isValidRegistrationNumber('BE', '403170701')).toBe(false);
  });
  it('accepts SIRET numbers with a correct Luhn checksum', () => {
    expect(isValidRegistrationNumber('FR', '552 100 554 00013')).toBe(true);
    expect(isValidRegistrationNumber('FR', '55210055400014')).toBe(false);
    expect(isValidRegistrationNumber('FR', '5521005540001')).toBe(false);
  });
  it('formats each country its own way', () => {
    expect(formatRegistrationNumber('BE', '0403170701')).toBe('0403.170.701');
    expect(formatRegistrationNumber('FR', '55210055400013')).toBe('552 100 554 00013');
  });
});
