// The page script's conversions between WebAuthn options and their JSON form.
import { describe, expect, it } from 'vitest';
import { creationOptionsToJSON, fromBase64Url, requestOptionsToJSON, toBase64Url } from './bridge/page-codec';

describe('page codec', () => {
  it('round-trips base64url without padding', () => {
    for (const length of [0, 1, 2, 3, 31, 32, 33, 70_000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).not.toMatch(/[+/=]/);
      expect(new Uint8Array(fromBase64Url(text))).toEqual(bytes);
    }
  });

  it('accepts every kind of BufferSource, honouring a view’s offset and length', () => {
    const backing = Uint8Array.of(0, 1, 2, 3, 4, 5).buffer;
    const json = creationOptionsToJSON({
      rp: { name: 'Contoso' },
      user: { id: new DataView(backing, 2, 2), name: 'adele', displayName: 'Adele' },
      challenge: backing,
      pubKeyCredParams: [{ type: 'public-key', alg: -8 }],
      excludeCredentials: [{ type: 'public-key', id: new Uint8Array(backing, 4) }],
    }) as { user: { id: string }; challenge: string; excludeCredentials: { id: string }[]; pubKeyCredParams: unknown };
    expect(json.user.id).toBe(toBase64Url(Uint8Array.of(2, 3)));
    expect(json.challenge).toBe(toBase64Url(Uint8Array.of(0, 1, 2, 3, 4, 5)));
    expect(json.excludeCredentials[0]!.id).toBe(toBase64Url(Uint8Array.of(4, 5)));
    expect(json.pubKeyCredParams).toEqual([{ type: 'public-key', alg: -8 }]);
  });

  it('refuses options a browser would refuse with TypeError', () => {
    expect(() => requestOptionsToJSON({ challenge: 'not a buffer' as unknown as BufferSource })).toThrow(TypeError);
    expect(() => creationOptionsToJSON({ rp: { name: 'x' } } as PublicKeyCredentialCreationOptions)).toThrow(TypeError);
  });
});
