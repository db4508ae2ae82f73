// RFC 4180 CSV: fields separated by commas, records by CRLF (LF and CR are
// accepted too), fields containing comma, quote or line break enclosed in
// double quotes with inner quotes doubled. Parsing is strict: a malformed
// file is refused with its line number rather than guessed at.
import { corrupt } from './errors';

export interface CsvRecord {
  /** The line the record starts on (1-based), for messages. */
  line: number;
  fields: string[];
}

/** Splits CSV text into records of fields. A leading byte-order mark is ignored; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((record) => record.fields);
}

export function parseCsvRecords(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let recordLine = 1;
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  // Whether the current record has anything yet (a blank line has not).
  let started = false;

  const endRecord = () => {
    if (started) records.push({ line: recordLine, fields: [...record, field] });
    record = [];
    field = '';
    started = false;
  };

  while (i < input.length) {
    const ch = input[i]!;
    if (ch === '"') {
      if (field !== '') corrupt(`CSV line ${line}: a quote appears inside a field that does not start with one`);
      const startLine = line;
      i++;
      for (;;) {
        if (i >= input.length) corrupt(`CSV line ${startLine}: a quoted field is never closed (unbalanced quotes)`);
        const c = input[i]!;
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && input[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      started = true;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        corrupt(`CSV line ${line}: unexpected ${JSON.stringify(next)} after a closing quote`);
      }
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      started = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    started = true;
    i++;
  }
  endRecord();
  return records;
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes records as RFC 4180 CSV with CRLF line ends (and a final CRLF). */
export function toCsv(records: readonly (readonly string[])[]): string {
  return records.map((record) => record.map(quoteField).join(',')).join('\r\n') + '\r\n';
}
