import { describe, expect, it } from 'vitest';
import { aesGcmDecrypt, aesGcmEncrypt, importAesKey, VaultIntegrityError } from './aead';
import { asBufferSource, randomBytes, toBase64, utf8Encode } from './bytes';

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 13-16 (AES-256).
const K0 = '00'.repeat(32);
const K1 = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308';
const P_FULL =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
  '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const C_FULL =
  '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
  '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad';
const GCM_VECTORS = [
  { name: 'case 13', key: K0, iv: '00'.repeat(12), pt: '', aad: '', ct: '', tag: '530f8afbc74536b9a963b4f1c4cb738b' },
  { name: 'case 14', key: K0, iv: '00'.repeat(12), pt: '00'.repeat(16), aad: '', ct: 'cea7403d4d606b6e074ec5d3baf39d18', tag: 'd0d1c8a799996bf0265b98b5d48ab919' },
  { name: 'case 15', key: K1, iv: 'cafebabefacedbaddecaf888', pt: P_FULL, aad: '', ct: C_FULL, tag: 'b094dac5d93471bdec1a502270e3cc6c' },
  {
    name: 'case 16',
    key: K1,
    iv: 'cafebabefacedbaddecaf888',
    pt: P_FULL.slice(0, 120),
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    ct: C_FULL.slice(0, 120),
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

describe('AES-256-GCM known answers', () => {
  it.each(GCM_VECTORS)('$name encrypts to the published ciphertext and tag', async (v) => {
    const key = await importAesKey(hex(v.key));
    // aesGcmEncrypt always picks its own nonce, so encrypt at the fixed IV through subtle directly.
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: asBufferSource(hex(v.iv)), additionalData: asBufferSource(hex(v.aad)), tagLength: 128 },
        key,
        asBufferSource(hex(v.pt)),
      ),
    );
    expect(toHex(sealed)).toBe(v.ct + v.tag);
  });

  it.each(GCM_VECTORS)('$name decrypts with aesGcmDecrypt', async (v) => {
    const key = await importAesKey(hex(v.key));
    const plain = await aesGcmDecrypt(key, hex(v.iv), hex(v.ct + v.tag), hex(v.aad));
    expect(toHex(plain)).toBe(v.pt);
  });

  it('rejects a vector whose tag was flipped', async () => {
    const v = GCM_VECTORS[3]!;
    const key = await importAesKey(hex(v.key));
    const bad = hex(v.ct + v.tag);
    bad[bad.length - 1]! ^= 1;
    await expect(aesGcmDecrypt(key, hex(v.iv), bad, hex(v.aad))).rejects.toBeInstanceOf(VaultIntegrityError);
  });
});

describe('aesGcmEncrypt / aesGcmDecrypt', () => {
  const aad = utf8Encode('context');

  it('round-trips various sizes', async () => {
    const key = await importAesKey(randomBytes(32));
    for (const size of [0, 1, 15, 16, 17, 1000, 100_000]) {
      const plaintext = randomBytes(size);
      const { nonce, ciphertext } = await aesGcmEncrypt(key, plaintext, aad);
      expect(nonce.length).toBe(12);
      expect(ciphertext.length).toBe(size + 16);
      expect(await aesGcmDecrypt(key, nonce, ciphertext, aad)).toEqual(plaintext);
    }
  });

  it('uses a fresh nonce every call', async () => {
    const key = await importAesKey(randomBytes(32));
    const plaintext = utf8Encode('same message');
    const nonces = new Set<string>();
    const ciphertexts = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const sealed = await aesGcmEncrypt(key, plaintext, aad);
      nonces.add(toBase64(sealed.nonce));
      ciphertexts.add(toBase64(sealed.ciphertext));
    }
    expect(nonces.size).toBe(500);
    expect(ciphertexts.size).toBe(500);
  });

  it('detects any single-bit change, a wrong AAD, a wrong nonce or a wrong key', async () => {
    const key = await importAesKey(randomBytes(32));
    const plaintext = utf8Encode('attack at dawn');
    const { nonce, ciphertext } = await aesGcmEncrypt(key, plaintext, aad);
    for (let bit = 0; bit < ciphertext.length * 8; bit += 7) {
      const tampered = ciphertext.slice();
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      await expect(aesGcmDecrypt(key, nonce, tampered, aad)).rejects.toBeInstanceOf(VaultIntegrityError);
    }
    await expect(aesGcmDecrypt(key, nonce, ciphertext, utf8Encode('contexT'))).rejects.toBeInstanceOf(VaultIntegrityError);
    const otherNonce = nonce.slice();
    otherNonce[0]! ^= 0x80;
    await expect(aesGcmDecrypt(key, otherNonce, ciphertext, aad)).rejects.toBeInstanceOf(VaultIntegrityError);
    const otherKey = await importAesKey(randomBytes(32));
    await expect(aesGcmDecrypt(otherKey, nonce, ciphertext, aad)).rejects.toThrow(
      'The vault data failed its integrity check (wrong key, or the data was corrupted or tampered with)',
    );
  });

  it('treats truncated data as an integrity failure', async () => {
    const key = await importAesKey(randomBytes(32));
    const { nonce, ciphertext } = await aesGcmEncrypt(key, utf8Encode('x'), aad);
    await expect(aesGcmDecrypt(key, nonce, ciphertext.subarray(0, 15), aad)).rejects.toBeInstanceOf(VaultIntegrityError);
    await expect(aesGcmDecrypt(key, nonce.subarray(0, 11), ciphertext, aad)).rejects.toThrow(/nonce is 11 bytes/);
  });

  it('checks its inputs', async () => {
    await expect(importAesKey(randomBytes(16))).rejects.toThrow('AES key must be 32 bytes, got 16');
    const key = await importAesKey(randomBytes(32));
    await expect(aesGcmEncrypt(key, 'text' as never, aad)).rejects.toThrow(/plaintext must be a Uint8Array, got string/);
    await expect(aesGcmEncrypt({} as never, new Uint8Array(), aad)).rejects.toThrow(/AES-GCM CryptoKey/);
  });
});
