import { describe, expect, it } from 'vitest';
import { escapeCsvFormula } from './csv';

describe('escapeCsvFormula', () => {
  it('prefixes an apostrophe to text a spreadsheet would run as a formula', () => {
    expect(escapeCsvFormula('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(escapeCsvFormula('@SUM(1)')).toBe("'@SUM(1)");
    expect(escapeCsvFormula('+32 2 555 00 00')).toBe("'+32 2 555 00 00");
    expect(escapeCsvFormula('-2+3+cmd|\' /C calc\'!A0')).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(escapeCsvFormula('\t=1+1')).toBe("'\t=1+1");
    expect(escapeCsvFormula('\r=1+1')).toBe("'\r=1+1");
  });

  it('also prefixes the full-width forms that some spreadsheets read as = + - @', () => {
    expect(['＝1+1', '＋1', '－1', '＠A1'].map(escapeCsvFormula)).toEqual(["'＝1+1", "'＋1", "'－1", "'＠A1"]);
  });

  it('leaves any other text as it is', () => {
    expect(['Atelier A', 'Lycée du Beffroi', 'a=b', ' =1', '', "'=déjà"].map(escapeCsvFormula)).toEqual(['Atelier A', 'Lycée du Beffroi', 'a=b', ' =1', '', "'=déjà"]);
  });
});
