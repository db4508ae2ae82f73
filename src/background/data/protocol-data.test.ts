import { describe, expect, it } from 'vitest';
import { protocol } from '../../shared/protocol';

describe('import/export requests in the protocol', () => {
  it('are accepted from the popup only', () => {
    expect(protocol['data.export'].from).toEqual(['popup']);
    expect(protocol['data.import'].from).toEqual(['popup']);
  });

  it('check their payloads', () => {
    const exportSchema = protocol['data.export'].payload;
    expect(exportSchema.parse({ format: 'kdbx', password: 'p', currentMasterPassword: 'm' })).toEqual({ format: 'kdbx', password: 'p', currentMasterPassword: 'm' });
    expect(() => exportSchema.parse({ format: 'kdbx' }, 'payload')).toThrow(/payload\.currentMasterPassword/);
    expect(() => exportSchema.parse({ format: 'xml', currentMasterPassword: 'm' }, 'payload')).toThrow(/payload\.format/);
    const importSchema = protocol['data.import'].payload;
    expect(importSchema.parse({ format: 'auto', filename: 'a.csv', base64: '' })).toEqual({ format: 'auto', filename: 'a.csv', base64: '' });
    expect(() => importSchema.parse({ format: 'auto', filename: 'a.csv', base64: 1 }, 'payload')).toThrow(/payload\.base64/);
    expect(() => importSchema.parse({ format: 'auto', filename: 'a.csv', base64: '', extra: 1 }, 'payload')).toThrow(/no such key/);
  });
});
