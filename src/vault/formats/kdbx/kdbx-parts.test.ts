import { ecb } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import { aesKdfTransform, InnerStream, sha256 } from './crypto';
import { decodeKdbxTime, encodeKdbxTime } from './kdbx-time';
import { readVariantDictionary, writeVariantDictionary } from './variant-dictionary';
import { escapeXml, parseXml, walk } from './xml';

describe('KDBX building blocks', () => {
  it('VariantDictionary round-trips every value type and refuses damage', () => {
    const entries = [
      ['u32', { type: 'u32', value: 7 }],
      ['u64', { type: 'u64', value: 1n << 40n }],
      ['bool', { type: 'bool', value: true }],
      ['i32', { type: 'i32', value: -3 }],
      ['i64', { type: 'i64', value: -5n }],
      ['string', { type: 'string', value: 'ünï' }],
      ['bytes', { type: 'bytes', value: Uint8Array.of(1, 2, 3) }],
    ] as const;
    const bytes = writeVariantDictionary(entries);
    expect([...readVariantDictionary(bytes)]).toEqual(entries.map(([k, v]) => [k, v]));
    expect(() => readVariantDictionary(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated or damaged/);
    const badType = bytes.slice();
    badType[2] = 0x77;
    expect(() => readVariantDictionary(badType)).toThrow(/unknown value type 0x77/);
  });

  it('AES-KDF with noble\'s block function equals repeated AES-ECB', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const seed = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    let expected = key;
    for (let i = 0; i < 5; i++) expected = ecb(seed, { disablePadding: true }).encrypt(expected);
    expect(aesKdfTransform(key, seed, 5)).toEqual(sha256(expected));
  });

  it('the inner stream continues across values, so split and whole XOR agree', () => {
    const key = new Uint8Array(64).fill(9);
    const data = Uint8Array.from({ length: 150 }, (_, i) => i);
    const whole = new InnerStream(key).apply(data);
    const split = new InnerStream(key);
    expect(new Uint8Array([...split.apply(data.subarray(0, 5)), ...split.apply(data.subarray(5, 70)), ...split.apply(data.subarray(70))])).toEqual(whole);
  });

  it('KDBX times round-trip to the second and accept ISO dates', () => {
    expect(decodeKdbxTime(encodeKdbxTime(1_700_000_000_999))).toBe(1_700_000_000_000);
    expect(decodeKdbxTime('2024-02-10T12:30:00Z')).toBe(Date.parse('2024-02-10T12:30:00Z'));
    expect(decodeKdbxTime('garbage')).toBeNull();
  });

  it('the XML reader handles entities, CDATA, comments and self-closing tags in document order', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2"><b>&lt;&#65;&#x42;&gt;</b><c/><d><![CDATA[<raw>]]></d></a>');
    expect(root.attributes.x).toBe('1 & 2');
    expect([...walk(root)].map((e) => [e.name, e.text])).toEqual([
      ['a', ''],
      ['b', '<AB>'],
      ['c', ''],
      ['d', '<raw>'],
    ]);
    expect(parseXml(`<v>${escapeXml('a<b>&"c"\u0001')}</v>`).text).toBe('a<b>&"c"');
  });

  it('the XML reader refuses DTDs, mismatched and unclosed tags, unknown entities', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toThrow(/document type declarations are not allowed/);
    expect(() => parseXml('<a><b></a>')).toThrow(/<\/a> does not close <b>/);
    expect(() => parseXml('<a><b>')).toThrow(/<b> is never closed/);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/unknown entity &nbsp;/);
  });
});
