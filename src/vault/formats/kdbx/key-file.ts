// KeePass key files, in the four forms KeePass 2 and KeePassXC accept:
// XML version 1.0 (base64 key) and 2.0 (hex key with a hash check), 32 raw
// bytes, 64 hex characters; any other file is a key by its SHA-256.
import { bytesEqual, fromBase64, utf8Decode } from '../../bytes';
import { corrupt } from '../errors';
import { sha256 } from './crypto';

/** Key files are small; a larger "key file" is a wrong pick, refused before hashing it. */
export const MAX_KEY_FILE_BYTES = 1024 * 1024;

function fromHex(text: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(text)) return null;
  return Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
}

function xmlKey(bytes: Uint8Array): Uint8Array | null {
  let text: string;
  try {
    text = utf8Decode(bytes).replace(/^\uFEFF/, '').trim();
  } catch {
    return null;
  }
  if (!text.startsWith('<') || !/<KeyFile[\s>]/.test(text)) return null;
  const version = /<Version>\s*([\d.]+)\s*<\/Version>/.exec(text)?.[1];
  const data = /<Data(\s+Hash="([0-9a-fA-F]*)")?\s*>([^<]*)<\/Data>/.exec(text);
  if (!version || !data) corrupt('The key file is KeePass XML but has no Version or Data.');
  if (version.startsWith('1.')) {
    try {
      const key = fromBase64(data[3]!.trim());
      if (key.length === 32) return key;
    } catch {
      // refused below
    }
    return corrupt('The key file (XML version 1.0) holds no valid 32-byte key.');
  }
  if (version.startsWith('2.')) {
    const key = fromHex(data[3]!.replace(/\s+/g, ''));
    if (!key || key.length !== 32) corrupt('The key file (XML version 2.0) holds no valid 32-byte key.');
    const hash = fromHex(data[2] ?? '');
    if (hash && !bytesEqual(hash, sha256(key).subarray(0, 4))) corrupt('The key file (XML version 2.0) is damaged: its key does not match its hash.');
    return key;
  }
  return corrupt(`The key file's XML version ${version.slice(0, 10)} is not one KeePass writes (1.0 or 2.0).`);
}

/** The 32-byte key a key file contributes to a KeePass composite key. */
export function keyFileKey(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) corrupt('The key file is empty.');
  if (bytes.length > MAX_KEY_FILE_BYTES) corrupt('The key file is larger than 1 MiB; that is not a KeePass key file.');
  const xml = xmlKey(bytes);
  if (xml) return xml;
  if (bytes.length === 32) return bytes.slice();
  if (bytes.length === 64) {
    const hex = fromHex(String.fromCharCode(...bytes));
    if (hex) return hex;
  }
  return sha256(bytes);
}
