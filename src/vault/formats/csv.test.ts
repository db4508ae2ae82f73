import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords, toCsv } from './csv';
import { FormatError } from './errors';

describe('CSV (RFC 4180)', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b,c\r\n"x,1","say ""hi""","two\r\nlines"\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['x,1', 'say "hi"', 'two\r\nlines'],
    ]);
  });

  it('accepts LF and CR line ends, a byte-order mark, empty fields and skips blank lines', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,\r2,""\n')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['2', ''],
    ]);
  });

  it('reports the line a record starts on', () => {
    expect(parseCsvRecords('h\n"multi\nline"\nnext').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('refuses unbalanced quotes with the line of the opening quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(/line 2: a quoted field is never closed \(unbalanced quotes\)/);
  });

  it('refuses a quote inside an unquoted field and text after a closing quote', () => {
    expect(() => parseCsv('a,b\nab"c,d')).toThrow(/line 2: a quote appears inside a field/);
    expect(() => parseCsv('"a"b,c')).toThrow(FormatError);
    expect(() => parseCsv('"a"b,c')).toThrow(/unexpected "b" after a closing quote/);
  });

  it('writes only what needs quoting, with CRLF, and reads it back unchanged', () => {
    const rows = [
      ['plain', 'with,comma', 'with "quote"', 'multi\nline', ' padded ', ''],
      ['=1+1', 'ünïcödé', '', '', '', 'x'],
    ];
    const text = toCsv(rows);
    expect(text.split('\r\n')[0]).toBe('plain,"with,comma","with ""quote""","multi\nline"," padded ",');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });
});
