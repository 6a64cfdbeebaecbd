import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes cells holding the separator, quotes or line breaks', () => {
    expect(csvCell('Tour; CNC')).toBe('"Tour; CNC"');
    expect(csvCell('dit "bonjour"')).toBe('"dit ""bonjour"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell('Athénée, Ath')).toBe('Athénée, Ath');
  });

  it('writes empty cells for missing values and numbers as they are', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(-3)).toBe('-3');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('+32 470 00 00 00')).toBe("'+32 470 00 00 00");
    expect(csvCell('-2+3+cmd')).toBe("'-2+3+cmd");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('＝1+1')).toBe("'＝1+1");
    // Quoted after the apostrophe: the organisation name stays one cell, and text.
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('keeps numbers, negative ones too, as numbers', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('-')).toBe("'-");
  });

  it('writes a booking export whose names would start formulas as text', () => {
    const csv = toCsv(['Équipement', 'Organisation', 'Participants'], [['@SUM(1)', '=HYPERLINK("http://x","y")', 12], ['Tour', 'Athénée', -1]]);
    expect(csv).toBe(`\uFEFFÉquipement;Organisation;Participants\r\n'@SUM(1);"'=HYPERLINK(""http://x"",""y"")";12\r\nTour;Athénée;-1\r\n`);
  });

  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(toCsv(['a', 'b'], [['1', 'x;y']])).toBe('\uFEFFa;b\r\n1;"x;y"\r\n');
  });
});
