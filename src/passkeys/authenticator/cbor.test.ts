import { describe, expect, it } from 'vitest';
import { CborDecodeError, decodeCbor, decodeCborPrefix, encodeCbor, type CborValue } from './cbor';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
function unhex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
}

// RFC 8949 Appendix A, restricted to the types we support. All of these are
// already in deterministic form, so they must round-trip byte for byte.
const RFC_8949_VECTORS: [string, CborValue, string][] = [
  ['0', 0, '00'],
  ['1', 1, '01'],
  ['10', 10, '0a'],
  ['23', 23, '17'],
  ['24', 24, '1818'],
  ['25', 25, '1819'],
  ['100', 100, '1864'],
  ['1000', 1000, '1903e8'],
  ['1000000', 1000000, '1a000f4240'],
  ['1000000000000', 1000000000000, '1b000000e8d4a51000'],
  ['-1', -1, '20'],
  ['-10', -10, '29'],
  ['-100', -100, '3863'],
  ['-1000', -1000, '3903e7'],
  ['false', false, 'f4'],
  ['true', true, 'f5'],
  ["h''", new Uint8Array(0), '40'],
  ["h'01020304'", Uint8Array.of(1, 2, 3, 4), '4401020304'],
  ['""', '', '60'],
  ['"a"', 'a', '6161'],
  ['"IETF"', 'IETF', '6449455446'],
  ['"\\"\\\\"', '"\\', '62225c'],
  ['"\\u00fc"', '\u00fc', '62c3bc'],
  ['"\\u6c34"', '\u6c34', '63e6b0b4'],
  ['"\\ud800\\udd51"', '\ud800\udd51', '64f0908591'],
  ['[]', [], '80'],
  ['[1, 2, 3]', [1, 2, 3], '83010203'],
  ['[1, [2, 3], [4, 5]]', [1, [2, 3], [4, 5]], '8301820203820405'],
  [
    '[1, ..., 25]',
    Array.from({ length: 25 }, (_, i) => i + 1),
    '98190102030405060708090a0b0c0d0e0f101112131415161718181819',
  ],
  ['{}', new Map(), 'a0'],
  [
    '{1: 2, 3: 4}',
    new Map([
      [1, 2],
      [3, 4],
    ]),
    'a201020304',
  ],
  [
    '{"a": 1, "b": [2, 3]}',
    new Map<string, CborValue>([
      ['a', 1],
      ['b', [2, 3]],
    ]),
    'a26161016162820203',
  ],
  ['["a", {"b": "c"}]', ['a', new Map([['b', 'c']])], '826161a161626163'],
  [
    '{"a": "A", ..., "e": "E"}',
    new Map([
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
      ['d', 'D'],
      ['e', 'E'],
    ]),
    'a56161614161626142616361436164614461656145',
  ],
];

describe('CBOR encoder: RFC 8949 Appendix A vectors', () => {
  it.each(RFC_8949_VECTORS)('%s', (_name, value, expected) => {
    expect(hex(encodeCbor(value))).toBe(expected);
    expect(decodeCbor(unhex(expected))).toEqual(value);
  });
});

describe('CBOR deterministic encoding', () => {
  it('uses the shortest argument at each size boundary', () => {
    expect(hex(encodeCbor(255))).toBe('18ff');
    expect(hex(encodeCbor(256))).toBe('190100');
    expect(hex(encodeCbor(65535))).toBe('19ffff');
    expect(hex(encodeCbor(65536))).toBe('1a00010000');
    expect(hex(encodeCbor(2 ** 32 - 1))).toBe('1affffffff');
    expect(hex(encodeCbor(2 ** 32))).toBe('1b0000000100000000');
    expect(hex(encodeCbor(-24))).toBe('37');
    expect(hex(encodeCbor(-25))).toBe('3818');
    expect(hex(encodeCbor(Number.MAX_SAFE_INTEGER))).toBe('1b001fffffffffffff');
    expect(hex(encodeCbor(Number.MIN_SAFE_INTEGER))).toBe('3b001ffffffffffffe');
  });

  it('sorts map keys by their encoded bytes, whatever the insertion order', () => {
    const keys: (number | string)[] = ['b', 'aa', 100, -1, 'a', 10, 1, -25];
    const expectedOrder = [1, 10, 100, -1, -25, 'a', 'b', 'aa'];
    const forward = new Map(keys.map((k) => [k, 0]));
    const backward = new Map([...keys].reverse().map((k) => [k, 0]));
    expect(encodeCbor(forward)).toEqual(encodeCbor(backward));
    const decoded = decodeCbor(encodeCbor(forward)) as Map<number | string, CborValue>;
    expect([...decoded.keys()]).toEqual(expectedOrder);
  });

  it('orders a COSE_Key as CTAP2 canonical form requires (1, 3, -1, -2, -3)', () => {
    const key = new Map<number, CborValue>([
      [-3, new Uint8Array(1)],
      [-2, new Uint8Array(1)],
      [-1, 1],
      [3, -7],
      [1, 2],
    ]);
    // a5 | 01:02 | 03:26 (-7) | 20 (-1):01 | 21 (-2):h'00' | 22 (-3):h'00'
    expect(hex(encodeCbor(key))).toBe('a5' + '0102' + '0326' + '2001' + '214100' + '224100');
  });

  it('round-trips nested structures', () => {
    const value = new Map<string, CborValue>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)],
      ['nested', [true, false, -123456789, 'ünïcødé 😀', [new Map([[7, [[]]]])]]],
    ]);
    expect(decodeCbor(encodeCbor(value))).toEqual(value);
  });

  it('round-trips the extremes of the safe integer range', () => {
    for (const n of [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -(2 ** 32), 2 ** 32 + 1]) {
      expect(decodeCbor(encodeCbor(n))).toBe(n);
    }
  });
});

describe('CBOR encoder input checks', () => {
  it.each([
    ['a float', 1.5],
    ['NaN', NaN],
    ['an unsafe integer', 2 ** 53],
    ['null', null],
    ['undefined', undefined],
    ['a bigint', 1n],
    ['a plain object', { a: 1 }],
    ['a boolean map key', new Map([[true, 1]])],
  ])('refuses %s', (_name, value) => {
    expect(() => encodeCbor(value as unknown as CborValue)).toThrow(TypeError);
  });

  it('refuses nesting deeper than 16 levels but accepts 16', () => {
    let ok: CborValue = 0;
    for (let i = 0; i < 16; i++) ok = [ok];
    expect(decodeCbor(encodeCbor(ok))).toEqual(ok);
    expect(() => encodeCbor([ok])).toThrow(/nested deeper than 16/);
  });
});

describe('CBOR decoder rejections', () => {
  it.each([
    ['trailing bytes', '0000', /1 trailing bytes/],
    ['an indefinite-length byte string', '5f42010243030405ff', /indefinite/],
    ['an indefinite-length array', '9f0102ff', /indefinite/],
    ['an indefinite-length map', 'bf616101ff', /indefinite/],
    ['a non-shortest integer', '1817', /non-shortest/],
    ['a non-shortest length', '5900020102', /non-shortest/],
    ['a 64-bit integer beyond the safe range', '1b0020000000000000', /safe range/],
    ['a negative integer beyond the safe range', '3b001fffffffffffff', /safe range/],
    ['unsorted map keys', 'a203040102', /out of deterministic order/],
    ['duplicate map keys', 'a201020103', /duplicate map key/],
    ['a byte-string map key', 'a1410001', /map keys must be/],
    ['a float', 'f93c00', /float/],
    ['null', 'f6', /simple value/],
    ['a tag', 'c11a514b67b0', /tags/],
    ['reserved additional information', '1c', /reserved/],
    ['a truncated argument', '1901', /truncated argument/],
    ['a truncated byte string', '440102', /truncated byte string/],
    ['an absurd array length', '9affffffff00', /truncated array/],
    ['invalid UTF-8', '62c328', /UTF-8/],
    ['empty input', '', /truncated item/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => decodeCbor(unhex(input))).toThrow(CborDecodeError);
    expect(() => decodeCbor(unhex(input))).toThrow(message);
  });

  it('refuses nesting deeper than 16 levels', () => {
    expect(() => decodeCbor(unhex('81'.repeat(17) + '00'))).toThrow(/nesting deeper than 16/);
    expect(decodeCbor(unhex('81'.repeat(16) + '00'))).toBeInstanceOf(Array);
  });

  it('decodeCborPrefix reports how many bytes the first item used', () => {
    expect(decodeCborPrefix(unhex('8201021903e8'))).toEqual({ value: [1, 2], length: 3 });
  });

  it('returns byte strings that do not alias the input', () => {
    const input = unhex('4401020304');
    const out = decodeCbor(input) as Uint8Array;
    input[1] = 0xff;
    expect(out).toEqual(Uint8Array.of(1, 2, 3, 4));
  });

  it('refuses non-byte input', () => {
    expect(() => decodeCbor([0] as unknown as Uint8Array)).toThrow(TypeError);
  });
});
