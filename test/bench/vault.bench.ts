// Vault figures: unlocking (Argon2id at the default parameters, the same WASM
// the background uses), saving and opening a large vault, and searching it.
import { memoryArea } from '../../src/background/memory-area';
import { VaultStore } from '../../src/background/vault-store';
import { DEFAULT_KDF, deriveMasterKey } from '../../src/vault/kdf';
import { emptyVaultData, newItem, type VaultData } from '../../src/vault/model';
import { buildSearchIndex, searchItems } from '../../src/vault/search';
import { createVault } from '../../src/vault/vault-file';
import { medianMs, type Benchmark } from './figures';

function largeVault(count: number): VaultData {
  const data = emptyVaultData();
  for (let i = 0; i < count; i++) {
    data.items.push(
      newItem('login', {
        name: `Account ${i} at service ${i % 97}`,
        username: `user${i}@example.com`,
        password: `pw-${i}-${'x'.repeat(16)}`,
        websites: [{ url: `https://service${i % 97}.example.com/login` }],
        notes: i % 10 === 0 ? `Recovery codes kept offline for account ${i}` : '',
      }),
    );
  }
  return data;
}

export const vaultBenchmark: Benchmark = {
  title: 'Vault',
  async run() {
    const salt = new Uint8Array(16).fill(7);
    const unlock = await medianMs(3, () => deriveMasterKey('correct horse battery staple', salt, DEFAULT_KDF));

    const { header, vaultKey } = await createVault('correct horse battery staple', { ...DEFAULT_KDF, memoryKiB: 16384, iterations: 2, parallelism: 1 });
    const data = largeVault(10_000);
    const store = new VaultStore(memoryArea());
    const save = await medianMs(5, () => store.save(header, vaultKey, data));
    const open = await medianMs(5, () => store.open(vaultKey));

    const index = buildSearchIndex(data.items);
    const queries = ['acc', 'service 42', 'user77', 'recovery', 'example.com zz'];
    const search = await medianMs(20, () => queries.forEach((query) => searchItems(index, query)));

    return [
      { name: 'unlock: Argon2id m=64 MiB t=3 p=4 (hash-wasm)', value: unlock, unit: 'ms', budget: 1000 },
      { name: 'save 10,000 items (encrypt, write, verify)', value: save, unit: 'ms', budget: 500 },
      { name: 'open 10,000 items (read, decrypt, validate)', value: open, unit: 'ms', budget: 500 },
      { name: 'search 10,000 items, per query', value: search / queries.length, unit: 'ms', budget: 10 },
    ];
  },
};
