import { describe, expect, it } from 'vitest';
import { formatExpiry, parseExpiry } from './card-expiry';

describe('card expiry as people type it', () => {
  it.each([
    ['12/31', '12', '2031'],
    ['1/27', '01', '2027'],
    ['07/2030', '07', '2030'],
    ['07-30', '07', '2030'],
    [' 11 / 29 ', '11', '2029'],
    ['', '', ''],
  ])('reads %j', (text, month, year) => {
    expect(parseExpiry(text)).toEqual({ month, year });
  });

  it.each(['13/30', '00/30', '12', '12/3', 'next year', '12/31/2030'])('refuses %j in words a person understands', (text) => {
    expect(() => parseExpiry(text)).toThrow(/like 12\/31 or 12\/2031/);
  });

  it('shows a stored expiry as printed on cards', () => {
    expect(formatExpiry('12', '2031')).toBe('12/31');
    expect(formatExpiry('', '')).toBe('');
  });
});
