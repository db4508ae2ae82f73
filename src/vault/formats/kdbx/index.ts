// KeePass KDBX 4: export a vault as a password-protected database, import one.
import type { KdfParams } from '../../kdf';
import type { VaultData } from '../../model';
import type { ImportedData } from '../types';
import { Kdbx3File, readKdbx, writeKdbx } from './container';
import { readKdbx3 } from './kdbx3';
import type { OuterCipher } from './crypto';
import { buildKdbxXml, readKdbxXml } from './entries';

export { isKdbx } from './container';

export interface KdbxExportOptions {
  password: string;
  kdf: KdfParams;
  cipher?: OuterCipher;
  compress?: boolean;
}

export function exportKdbx(data: VaultData, options: KdbxExportOptions): Promise<Uint8Array> {
  return writeKdbx((protect) => buildKdbxXml(data, protect), options);
}

/** KDBX 4 by our own reader, KDBX 3.x by kdbxweb's; with a password, a key file, or both. */
export async function importKdbx(bytes: Uint8Array, password: string | undefined, keyFile?: Uint8Array): Promise<ImportedData> {
  try {
    return { source: 'KeePass KDBX 4', ...readKdbxXml(await readKdbx(bytes, password, keyFile)) };
  } catch (error) {
    if (!(error instanceof Kdbx3File)) throw error;
  }
  return { source: 'KeePass KDBX 3.1', ...readKdbxXml(await readKdbx3(bytes, password, keyFile)) };
}
