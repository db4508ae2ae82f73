// Five devices make 200 random edits each while syncing through one server in a random
// order, with random failures (download or upload lost, a concurrent writer caught by the
// ETag check). At the end every device holds the same vault, and nothing was lost that the
// rules do not explain: each password ever set is the item's password or in its history,
// unless a later deletion removed the item; a deleted item stays deleted only if no edit
// came after its deletion.
import { describe, expect, it } from 'vitest';
import { emptyVaultData, newItem, updateItem, validateVaultData, type LoginItem, type VaultData } from '../model';
import { mergeContent, recordDeletions, sameContent, syncContentOf, withContent, type SyncContent } from './merge';

const DEVICES = 5;
const EDITS_PER_DEVICE = 200;
const SEED = Number(process.env.LATCHKEY_SIM_SEED ?? 13_2026);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Device {
  data: VaultData;
  skew: number;
  edits: number;
  pending: { etag: number; merged: SyncContent; upload: boolean } | null;
}

describe('sync simulation', () => {
  it(`${DEVICES} devices × ${EDITS_PER_DEVICE} random edits, random sync order and failures, converge with nothing lost`, () => {
    const random = mulberry32(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    let clock = 1_700_000_000_000;
    const server = { content: null as SyncContent | null, etag: 0 };
    const devices: Device[] = Array.from({ length: DEVICES }, () => ({ data: emptyVaultData(), skew: Math.floor(random() * 6000) - 3000, edits: 0, pending: null }));
    const passwordsSet: { id: string; password: string; at: number }[] = [];
    const lastEdit = new Map<string, number>();
    const deletions = new Map<string, number>();
    const counts = { edits: 0, syncs: 0, uploads: 0, downloadFailures: 0, uploadFailures: 0, etagConflicts: 0, differing: 0 };

    const edit = (device: Device) => {
      const now = clock + device.skew;
      const before = device.data;
      const draft = structuredClone(before);
      const logins = draft.items.filter((i): i is LoginItem => i.type === 'login');
      const roll = random();
      let touched: { id: string; at: number } | null = null;
      if (logins.length < 3 || roll < 0.25) {
        const folderId = draft.folders.length > 0 && random() < 0.3 ? pick(draft.folders).id : null;
        const item = newItem('login', { name: `item ${counts.edits}`, password: `pw-${counts.edits}`, folderId }, now);
        draft.items.push(item);
        passwordsSet.push({ id: item.id, password: item.password, at: item.updated });
        touched = { id: item.id, at: item.updated };
      } else if (roll < 0.6) {
        const item = pick(logins);
        const next = updateItem(item, { password: `pw-${counts.edits}` }, now);
        draft.items[draft.items.indexOf(item)] = next;
        passwordsSet.push({ id: next.id, password: next.password, at: next.updated });
        touched = { id: next.id, at: next.updated };
      } else if (roll < 0.75) {
        const item = pick(logins);
        const next = updateItem(item, random() < 0.5 ? { name: `renamed ${counts.edits}` } : { notes: `notes ${counts.edits}` }, now);
        draft.items[draft.items.indexOf(item)] = next;
        touched = { id: next.id, at: next.updated };
      } else if (roll < 0.85) {
        const item = pick(logins);
        draft.items = draft.items.filter((i) => i !== item);
      } else if (roll < 0.93) {
        draft.folders.push({ id: crypto.randomUUID(), name: `folder ${counts.edits}` });
      } else if (draft.folders.length > 0) {
        const folder = pick(draft.folders);
        draft.folders = draft.folders.filter((f) => f !== folder);
        draft.items = draft.items.map((i) => (i.folderId === folder.id ? updateItem(i, { folderId: null }, now) : i));
        for (const i of draft.items) if (i.folderId === null && before.items.find((b) => b.id === i.id)?.folderId === folder.id) lastEdit.set(i.id, i.updated);
      }
      recordDeletions(before, draft, now);
      for (const t of draft.tombstones) {
        if (!before.tombstones.some((b) => b.id === t.id && b.deleted === t.deleted)) deletions.set(t.id, Math.max(t.deleted, deletions.get(t.id) ?? 0));
      }
      if (touched) lastEdit.set(touched.id, Math.max(touched.at, lastEdit.get(touched.id) ?? 0));
      device.data = validateVaultData(draft);
      device.edits++;
      counts.edits++;
    };

    /** Download and merge (may fail); the upload is a separate step so others can write in between. */
    const startSync = (device: Device, failures: boolean) => {
      if (failures && random() < 0.1) {
        counts.downloadFailures++;
        return;
      }
      const remote = server.content ?? { items: [], folders: [], tombstones: [] };
      const result = mergeContent(syncContentOf(device.data), remote, { now: clock });
      counts.differing += result.counts.differing;
      device.pending = { etag: server.etag, merged: result.content, upload: server.content === null || result.remoteChanged };
    };
    const finishSync = (device: Device, failures: boolean) => {
      const pending = device.pending!;
      device.pending = null;
      if (pending.upload) {
        if (failures && random() < 0.1) {
          counts.uploadFailures++;
          return; // local untouched
        }
        if (server.etag !== pending.etag) {
          counts.etagConflicts++;
          return; // If-Match failed: merge again next time
        }
        server.content = structuredClone(pending.merged);
        server.etag++;
        counts.uploads++;
      }
      // Edits made while syncing are kept: what was merged joins the vault as it is now.
      const merged = mergeContent(syncContentOf(device.data), pending.merged, { now: clock });
      device.data = validateVaultData(withContent(device.data, merged.content));
      counts.syncs++;
    };

    while (devices.some((d) => d.edits < EDITS_PER_DEVICE)) {
      clock += 1 + Math.floor(random() * 1000);
      const device = pick(devices);
      const roll = random();
      if (device.pending && roll < 0.5) finishSync(device, true);
      else if (!device.pending && roll < 0.2) startSync(device, true);
      else if (device.edits < EDITS_PER_DEVICE) edit(device);
    }
    // Everyone comes online: pending syncs settle, then two rounds without failures.
    for (const device of devices) if (device.pending) finishSync(device, false);
    for (let round = 0; round < 2; round++) {
      for (const device of devices) {
        clock += 1000;
        startSync(device, false);
        finishSync(device, false);
      }
    }

    const final = syncContentOf(devices[0]!.data);
    for (const device of devices) expect(sameContent(syncContentOf(device.data), final)).toBe(true);
    expect(sameContent(server.content!, final)).toBe(true);

    const items = new Map(final.items.map((i) => [i.id, i]));
    const tombstoned = new Map(final.tombstones.map((t) => [t.id, t.deleted]));
    let kept = 0;
    let lostToDeletion = 0;
    let unexplained = 0;
    for (const set of passwordsSet) {
      const item = items.get(set.id) as LoginItem | undefined;
      if (item && (item.password === set.password || item.passwordHistory.some((h) => h.password === set.password))) kept++;
      // A deletion wins over older edits: a password set before it may go, even if a later edit elsewhere brought the item back.
      else if ((deletions.get(set.id) ?? -1) >= set.at) lostToDeletion++;
      else unexplained++;
    }
    let deletedStay = 0;
    let revivedByLaterEdit = 0;
    for (const [id, deleted] of deletions) {
      const item = items.get(id);
      if (!item) {
        // Still deleted: no edit came after the deletion.
        expect(lastEdit.get(id) ?? -1).toBeLessThanOrEqual(deleted);
        deletedStay++;
      } else {
        expect(item.updated).toBeGreaterThan(deleted);
        expect(tombstoned.has(id)).toBe(false);
        revivedByLaterEdit++;
      }
    }
    console.log(
      `sync simulation (seed ${SEED}): N = ${DEVICES} devices × ${EDITS_PER_DEVICE} edits = ${counts.edits} edits; ` +
        `${counts.syncs} syncs completed, ${counts.uploads} uploads, ${counts.downloadFailures} failed downloads, ${counts.uploadFailures} failed uploads, ` +
        `${counts.etagConflicts} ETag conflicts retried, ${counts.differing} items merged from two different versions; final vault ${final.items.length} items, ` +
        `${final.folders.length} folders, ${final.tombstones.length} tombstones; passwords set ${passwordsSet.length}: ${kept} kept, ` +
        `${lostToDeletion} removed by a later deletion, ${unexplained} lost; deletions ${deletions.size}: ${deletedStay} stayed, ${revivedByLaterEdit} undone by a later edit`,
    );
    expect(unexplained).toBe(0);
    expect(counts.edits).toBe(DEVICES * EDITS_PER_DEVICE);
    expect(counts.etagConflicts).toBeGreaterThan(0);
  });
});
