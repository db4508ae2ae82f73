// KeePass KDBX 4: export a vault as a password-protected database, import one.
import type { KdfParams } from '../../kdf';
import type { VaultData } from '../../model';
import type { ImportedData } from '../types';
import { readKdbx, writeKdbx } from './container';
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

export async function importKdbx(bytes: Uint8Array, password: string | undefined): Promise<ImportedData> {
  return readKdbxXml(await readKdbx(bytes, password));
}
