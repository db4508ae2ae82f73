// KDBX 3.1 (KeePass 2.x before 2.35, KeePassXC before 2.7 by default): read by
// kdbxweb, a maintained reader, after our own look at its header refuses
// settings that would hang the browser. The XML it yields goes through the same
// mapping as KDBX 4 (entries.ts).
import * as kdbxweb from 'kdbxweb';
import { corrupt, FormatError } from '../errors';
import { ByteReader } from './binary';
import { parseXml, walk } from './xml';
import type { XmlElement } from './xml';

const AES256 = '31c1f2e6bf714350be5805216afc5aff';
const CHACHA20 = 'd6038a2b8b6f4cb5a524339a31dbb59a';
const TWOFISH = 'ad68f29f576f4bb9a36ad47af965346c';
/** Same ceiling as for KDBX 4's AES-KDF (container.ts): a few seconds at most. */
const MAX_TRANSFORM_ROUNDS = 20_000_000;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Checks the 3.x outer header: cipher and key-transformation rounds. */
function checkHeader(file: Uint8Array): void {
  const r = new ByteReader(file, 'The KeePass file');
  r.take(12); // signatures and version, already checked
  let cipher = '';
  let rounds: bigint | null = null;
  for (;;) {
    const id = r.u8();
    const data = r.take(r.u16());
    if (id === 0) break;
    if (id === 2) cipher = hex(data);
    if (id === 6) {
      if (data.length !== 8) corrupt('The KeePass file\'s header has a malformed key transformation setting.');
      rounds = new DataView(data.buffer, data.byteOffset, 8).getBigUint64(0, true);
    }
  }
  if (cipher === TWOFISH) {
    throw new FormatError('unsupported', 'This KeePass file is encrypted with Twofish; Latchkey reads AES-256 or ChaCha20. Change the encryption in the database settings and save.');
  }
  if (cipher !== AES256 && cipher !== CHACHA20) corrupt('The KeePass file names a cipher Latchkey does not know.');
  if (rounds === null) corrupt('The KeePass file\'s header has no key transformation rounds.');
  if (rounds < 1n || rounds > BigInt(MAX_TRANSFORM_ROUNDS)) {
    throw new FormatError('unsupported', `The KeePass file's key transformation rounds (${rounds}) are outside what Latchkey accepts (1 to ${MAX_TRANSFORM_ROUNDS}).`);
  }
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Opens a KDBX 3.x file; the XML's root element with every protected value decrypted and marked Protected. */
export async function readKdbx3(file: Uint8Array, password: string | undefined, keyFile?: Uint8Array): Promise<XmlElement> {
  checkHeader(file);
  if ((password === undefined || password === '') && keyFile === undefined) {
    throw new FormatError('password-required', 'This KeePass file is protected: enter its master password.');
  }
  const credentials = new kdbxweb.Credentials(
    password === undefined || password === '' ? null : kdbxweb.ProtectedValue.fromString(password),
    keyFile === undefined ? null : arrayBuffer(keyFile),
  );
  let xml: string;
  try {
    await credentials.ready;
    const db = await kdbxweb.Kdbx.load(arrayBuffer(file), credentials);
    xml = await db.saveXml();
  } catch (error) {
    if (error instanceof FormatError) throw error;
    const code = error instanceof kdbxweb.KdbxError ? error.code : '';
    if (code === kdbxweb.Consts.ErrorCodes.InvalidKey) {
      throw new FormatError('wrong-password', keyFile === undefined
        ? 'The password is wrong for this KeePass file (or the database also needs its key file: choose it too).'
        : 'The password or the key file is wrong for this KeePass file.');
    }
    if (code === kdbxweb.Consts.ErrorCodes.Unsupported) throw new FormatError('unsupported', 'This KeePass 3.x file uses a feature Latchkey cannot read.');
    return corrupt('The KeePass file is damaged (its KDBX 3.1 contents could not be read).');
  }
  const root = parseXml(xml.replace(/^\uFEFF/, ''));
  // kdbxweb marks the values it decrypted ProtectInMemory="True"; entries.ts looks for Protected.
  for (const element of walk(root)) {
    if (element.name === 'Value' && element.attributes.ProtectInMemory?.toLowerCase() === 'true') element.attributes.Protected = 'True';
  }
  return root;
}
