import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from '../../src/domain/csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, and numbers records by their first line', () => {
    const { records, error } = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n\nlast,,\n');
    expect(error).toBeUndefined();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
  });

  it('skips a byte-order mark and accepts a last line without newline', () => {
    expect(parseCsv('\ufeffsku,name\n1,Milk').records.map((r) => r.fields)).toEqual([['sku', 'name'], ['1', 'Milk']]);
  });

  it('reports an unclosed quote with the line where the record starts', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n').error).toEqual({ line: 2, code: 'CSV_QUOTE_UNCLOSED', message: 'a quoted field is not closed' });
  });

  it('round-trips fields through csvLine', () => {
    const fields = ['plain', 'with,comma', 'with "quote"', 'multi\nline', ''];
    expect(parseCsv(csvLine(fields)).records[0].fields).toEqual(fields);
  });
});
