// Shared by the format tests: fixture files and a cheap (but floor-respecting) KDF.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KdfParams } from '../kdf';
import { emptyVaultData, newItem } from '../model';
import type { VaultData } from '../model';

export const CHEAP_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 };

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../test/fixtures/imports/${name}`, import.meta.url))));
}

export function fixtureText(name: string): string {
  return new TextDecoder().decode(fixture(name));
}

const FOLDER_ID = '0b7a3c1e-5d2f-4e6a-8b9c-1d2e3f4a5b6c';

/** A vault with one item of every type, a folder, history and custom fields. */
export function sampleVault(): VaultData {
  const data = emptyVaultData();
  data.folders.push({ id: FOLDER_ID, name: 'Work' });
  data.items.push(
    newItem('login', {
      name: 'Contoso',
      username: 'adele@contoso.com',
      password: 'S3cret "quoted", <tag> & more',
      websites: [{ url: 'https://login.contoso.com', match: 'host' }, { url: 'https://contoso.com' }],
      totp: 'otpauth://totp/Contoso:adele?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Contoso',
      notes: 'line one\nline two',
      favorite: true,
      folderId: FOLDER_ID,
      customFields: [
        { name: 'PIN', value: '1234', hidden: true },
        { name: 'Tenant', value: 'contoso', hidden: false },
      ],
      passwordHistory: [
        { password: 'older', changed: 1_700_000_000_000 },
        { password: 'oldest', changed: 1_600_000_000_000 },
      ],
    }),
    newItem('note', { name: 'Wi-Fi', notes: 'SSID: home\nKey: 1234' }),
    newItem('card', { name: 'Visa', cardholderName: 'Adele Vance', number: '4111111111111111', brand: 'Visa', expiryMonth: '03', expiryYear: '2029', code: '737' }),
    newItem('identity', { name: 'Me', fullName: 'Adele Vance', email: 'adele@example.com', phone: '+1 425 555 0100', address: '1 Main St\nRedmond' }),
    newItem('passkey', {
      name: 'Fabrikam',
      rpId: 'fabrikam.com',
      rpName: 'Fabrikam',
      userName: 'adele',
      userDisplayName: 'Adele Vance',
      userHandle: 'gWI6-kZJ6nh87rpnBFvqGg',
      credentialId: 'bn3E1xIfqn2DGrOFTLjTOg',
      algorithm: -7,
      privateKey:
        'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgo9yiR1PjN8wufQSSWWscFb3NsdYflh4DRTMkLUHV+AGhRANCAATj/SQngVYPifwUmjGdoFRiRgQkLYGXhMZJ9SRPNC0sBh8n4n4D75Ka+Ac7l34xJxDqKbV2a61IIiTk81ADP4/m',
      signCount: 7,
      discoverable: true,
    }),
  );
  return data;
}

/** An item without the fields an import legitimately renews (id, times, revision). */
export function comparable(item: object): object {
  const { id: _id, created: _created, updated: _updated, revision: _revision, folderId: _folderId, ...rest } = item as Record<string, unknown>;
  return rest;
}
