import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { newItem } from '../../model';
import { exportKdbx, importKdbx } from './index';
const KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
it('scratch', async () => {
  const f = { id: '11111111-2222-4333-8444-555555555555', name: 'Work' };
  const data = { folders: [f], generatorHistory: [], items: [
    newItem('login', { name: 'Contoso', username: 'adele@contoso.com', password: 'S3cret!&<pass', websites: [{ url: 'https://login.contoso.com' }, { url: 'https://contoso.com' }], totp: 'JBSWY3DPEHPK3PXPJBSWY3DP', customFields: [{ name: 'PIN', value: '1234', hidden: true }], passwordHistory: [{ password: 'old1', changed: 1600000000000 }] }),
    newItem('note', { name: 'Wifi', notes: 'line1\nline2', folderId: f.id }),
    newItem('card', { name: 'Visa', number: '4111111111111111', expiryMonth: '03', expiryYear: '2029', code: '123', cardholderName: 'Adele V' }),
  ] };
  for (const [cipher, compress] of [['aes256', true], ['chacha20', false]] as const) {
    const bytes = await exportKdbx(data, { password: 'kdbx password', kdf: KDF, cipher, compress });
    writeFileSync(`/tmp/lk/${cipher}.kdbx`, bytes);
    const back = await importKdbx(bytes, 'kdbx password');
    console.log(JSON.stringify(back, null, 1).slice(0, 3000));
  }
});
