import { describe, expect, it } from 'vitest';
import { emptyVaultData, newItem, updateItem } from '../vault/model';
import { vaultHealth } from './health';

describe('vaultHealth', () => {
  it('lists reused passwords and passwords older than a year', () => {
    const day = 24 * 60 * 60_000;
    const now = Date.UTC(2026, 10, 22);
    const data = emptyVaultData();
    const a = newItem('login', { name: 'A', username: 'a', password: 'same-Password-1' }, now - 10 * day);
    const b = newItem('login', { name: 'B', username: 'b', password: 'same-Password-1' }, now - 10 * day);
    const old = newItem('login', { name: 'Old', username: 'o', password: 'unique-Old-2' }, now - 400 * day);
    const renewed = updateItem(newItem('login', { name: 'Renewed', username: 'r', password: 'x-1' }, now - 900 * day), { password: 'fresh-Renewed-3' }, now - 5 * day);
    data.items.push(a, b, old, renewed, newItem('note', { name: 'Note' }, now));
    const health = vaultHealth(data, now);
    expect(health.reused.map((entry) => entry.name).sort()).toEqual(['A', 'B']);
    expect(health.reused[0]?.sharedWith).toBe(1);
    expect(health.old).toEqual([{ id: old.id, name: 'Old', username: 'o', ageDays: 400 }]);
    expect(health.toCheck.map((entry) => entry.name)).toEqual(['A', 'B', 'Old', 'Renewed']);
  });
});
