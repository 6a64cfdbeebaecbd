import type { Country } from './domain';

/** Digits only: `BE 0412.345.678` → `0412345678`. */
export function normaliseRegistrationNumber(value: string): string {
  return value.replace(/^BE/i, '').replace(/[\s.-]/g, '');
}

/**
 * Belgian enterprise number (10 digits, starting 0 or 1, last two = 97 − first eight mod 97) or
 * French SIRET (14 digits, Luhn checksum; La Poste's establishments use a digit-sum rule instead).
 */
export function isValidRegistrationNumber(country: Country, value: string): boolean {
  const digits = normaliseRegistrationNumber(value);
  if (country === 'BE') {
    if (!/^[01]\d{9}$/.test(digits)) return false;
    const base = Number(digits.slice(0, 8));
    return 97 - (base % 97) === Number(digits.slice(8));
  }
  if (!/^\d{14}$/.test(digits)) return false;
  if (digits.startsWith('356000000')) {
    return [...digits].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
  }
  const sum = [...digits].reverse().reduce((total, char, index) => {
    let d = Number(char);
    if (index % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    return total + d;
  }, 0);
  return sum % 10 === 0;
}

/** Displays a stored number the way each country writes it. */
export function formatRegistrationNumber(country: Country, value: string): string {
  const d = normaliseRegistrationNumber(value);
  if (country === 'BE' && d.length === 10) return `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
  if (country === 'FR' && d.length === 14) return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 9)} ${d.slice(9)}`;
  return value;
}
