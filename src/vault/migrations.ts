// Upgrades decrypted vault contents written by older Latchkey builds. Each
// step turns version n into n+1 and knows nothing else; the result is then
// validated as current data, so a broken step cannot smuggle in bad data.
//
// Version history:
//   0 - early development shape: a login had a single `url: string` (possibly
//       empty) instead of `websites`, and there was no `generatorHistory`.
//   1 - logins have `websites: Website[]`; vault has `generatorHistory`.
//   2 - current: vault has `tombstones` (deleted ids, for sync) and `sync` (its settings, or null).
//       Items already had a stable id, a revision and `updated`; nothing else changes.

import { NewerVaultVersionError, VaultValidationError } from './errors';
import { DEFAULT_URL_MATCH, validateVaultData } from './model';
import type { VaultData } from './model';

export { NewerVaultVersionError } from './errors';

export const VAULT_FORMAT_VERSION = 2;
export const OLDEST_SUPPORTED_VERSION = 0;

type MigrationStep = (data: unknown) => unknown;

function asRecord(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new VaultValidationError(path, 'expected an object');
  }
  return value as Record<string, unknown>;
}

function migrateV0ToV1(data: unknown): unknown {
  const root = asRecord(data, 'vault (v0)');
  if (!Array.isArray(root.items)) throw new VaultValidationError('vault (v0).items', 'expected an array');
  if (Object.hasOwn(root, 'generatorHistory')) {
    throw new VaultValidationError('vault (v0)', 'unexpected field "generatorHistory" (not a version 0 vault?)');
  }
  const items = root.items.map((raw, i) => {
    const item = asRecord(raw, `vault (v0).items[${i}]`);
    if (item.type !== 'login') return item;
    const { url, ...rest } = item;
    if (typeof url !== 'string') throw new VaultValidationError(`vault (v0).items[${i}].url`, 'expected a string');
    const trimmed = url.trim();
    return { ...rest, websites: trimmed === '' ? [] : [{ url: trimmed, match: DEFAULT_URL_MATCH }] };
  });
  return { ...root, items, generatorHistory: [] };
}

function migrateV1ToV2(data: unknown): unknown {
  const root = asRecord(data, 'vault (v1)');
  if (Object.hasOwn(root, 'tombstones') || Object.hasOwn(root, 'sync')) {
    throw new VaultValidationError('vault (v1)', 'unexpected field "tombstones" or "sync" (not a version 1 vault?)');
  }
  return { ...root, tombstones: [], sync: null };
}

/** MIGRATIONS[n] upgrades version n to n+1. */
const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {
  0: migrateV0ToV1,
  1: migrateV1ToV2,
};

/** Throws unless `version` is one this build can read (refusing newer ones with a clear message). */
export function assertReadableVersion(version: unknown): asserts version is number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < OLDEST_SUPPORTED_VERSION) {
    throw new Error(`Unknown vault format version ${JSON.stringify(version)}`);
  }
  if (version > VAULT_FORMAT_VERSION) throw new NewerVaultVersionError(version, VAULT_FORMAT_VERSION);
}

/**
 * Brings data written at `fromVersion` up to VAULT_FORMAT_VERSION and
 * validates it. Never mutates the input.
 */
export function migrateVaultData(fromVersion: number, data: unknown): { version: number; data: VaultData } {
  assertReadableVersion(fromVersion);
  // Migration steps rebuild objects, but clone anyway so no step can ever
  // alias or alter the caller's copy.
  let current: unknown = structuredClone(data);
  for (let version = fromVersion; version < VAULT_FORMAT_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) throw new Error(`No migration from vault format version ${version} to ${version + 1}`);
    current = step(current);
  }
  return { version: VAULT_FORMAT_VERSION, data: validateVaultData(current) };
}
