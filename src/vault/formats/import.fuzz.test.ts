// Fuzzes importFile, the one function the popup's import request (data.import)
// calls to read a file, with a password when one was typed. Every input must
// either give items the vault accepts or be refused with a FormatError carrying
// a message for the person; no TypeError or RangeError may leak out, no input
// may take more than 2 s, and the input is never written to (the importer is
// pure: it takes no storage). A share of the inputs also goes through the real
// data.import handler over a vault on memory storage, which must be left
// byte-for-byte as it was whenever the file is refused.
//
// Split of the inputs (about 11,000 in all), and why: CSV and JSON are cheap, so
// they take most; KDBX is fuzzed mostly without a password (everything up to the
// key derivation) and, with a password, on files made here with a tiny Argon2
// (8 KiB, 1 pass): the KeePassXC fixture uses 1,000,000 AES-KDF rounds (about a
// second) and gets only a handful of tries. Fuzzed KDF settings stay cheap or out
// of range (refused before any work). Latchkey backups need Argon2 at the floor
// (16 MiB, ~50 ms), so only ~120 of them carry a password.
//
// Replay: FUZZ_SEED=<seed printed in the output> npx vitest run src/vault/formats/import.fuzz.test.ts
// (FUZZ_TRACE=1 also prints each part's time and how often each refusal was given).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataHandlers } from '../../background/data/handlers';
import { memoryArea } from '../../background/memory-area';
import { VaultService } from '../../background/vault-service';
import { UserFacingError } from '../../shared/errors';
import { aesGcmEncrypt, importAesKey } from '../aead';
import { bytesEqual, concatBytes, fromBase64, randomBytes, toBase64, utf8Encode } from '../bytes';
import { deriveMasterKey } from '../kdf';
import { emptyVaultData, validateVaultData, validateVaultItem } from '../model';
import { FormatError, importFile, mergeImport, type FormatErrorKind, type ImportFormat } from './index';
import { kdbxFile, mutate, type KdbxSpec, type Mutation } from './fuzz-helpers';
import { BACKUP_FORMAT, BACKUP_VERSION, writeBackup } from './latchkey-backup';
import { VAULT_FORMAT_VERSION } from '../migrations';
import { CHEAP_KDF, fixture, fixtureText, sampleVault } from './test-helpers';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x1a7c4;
const MAX_MS = 2000;
const FORMAT_ERROR_KINDS: readonly FormatErrorKind[] = ['corrupt', 'unsupported', 'password-required', 'wrong-password', 'tampered', 'too-large'];
/** Beyond this a refusal is not a message a person can read in the popup. */
const MAX_MESSAGE_LENGTH = 4000;
const BACKUP_PASSWORD = 'fuzz backup password';
const KDBX_PASSWORD = 'fuzz kdbx password';
const FIXTURE_KDBX_PASSWORD = 'fixture password';

interface FuzzInput {
  /** Which family the input belongs to, for the counts. */
  family: string;
  bytes: Uint8Array;
  format: ImportFormat;
  password?: string;
  filename?: string;
}

// ---------------------------------------------------------------------------
// Bookkeeping

const counts = new Map<string, number>();
const outcomes = { imported: 0, refused: 0, viaHandler: 0 };
const slowest = { ms: 0, family: '' };
let checked = 0;
let crashes = 0;
let checkMs = 0;
const reasons = new Map<string, number>();

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer after ${ms} ms (a hang)`)), ms).unref());
}

/** A result the vault accepts: valid items, folder references that resolve, a merge that validates. */
function expectValidImport(data: Awaited<ReturnType<typeof importFile>>, family: string): void {
  const folderIds = new Set(data.folders.map((folder) => folder.id));
  for (const item of data.items) {
    validateVaultItem(item);
    if (item.folderId !== null && !folderIds.has(item.folderId)) throw new Error(`${family}: an item names a folder the import does not have`);
  }
  const draft = emptyVaultData();
  mergeImport(draft, data);
  validateVaultData(draft);
}

function expectFormatError(error: unknown, family: string): asserts error is FormatError {
  if (!(error instanceof FormatError)) {
    const name = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${family}: ${name} leaked out of importFile: ${message.slice(0, 300)}`, { cause: error });
  }
  expect(FORMAT_ERROR_KINDS).toContain(error.kind);
  expect(typeof error.message).toBe('string');
  expect(error.message.trim()).not.toBe('');
  if (error.message.length > MAX_MESSAGE_LENGTH) throw new Error(`${family}: a ${error.message.length}-character refusal: ${error.message.slice(0, 200)}...`);
}

async function check(input: FuzzInput): Promise<void> {
  try {
    await checkOne(input);
  } catch (error) {
    crashes++;
    throw error;
  }
}

async function checkOne(input: FuzzInput): Promise<void> {
  const before = input.bytes.slice();
  const options = {
    format: input.format,
    ...(input.filename !== undefined ? { filename: input.filename } : {}),
    ...(input.password !== undefined ? { password: input.password } : {}),
  };
  const started = performance.now();
  let imported = false;
  try {
    const data = await Promise.race([importFile(input.bytes, options), timeout(MAX_MS * 2)]);
    expectValidImport(data, input.family);
    imported = true;
  } catch (error) {
    expectFormatError(error, input.family);
    if (process.env.FUZZ_TRACE) {
      const key = `${input.family}: ${error.message.replace(/\d+/g, 'N').slice(0, 60)}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
  }
  const ms = performance.now() - started;
  if (ms > slowest.ms) Object.assign(slowest, { ms, family: input.family });
  checkMs += ms;
  if (ms > MAX_MS) throw new Error(`${input.family}: one input took ${ms.toFixed(0)} ms`);
  // Pure: the file the person picked is read, never written to.
  if (!bytesEqual(input.bytes, before)) throw new Error(`${input.family}: importFile wrote to the file it was given`);
  counts.set(input.family, (counts.get(input.family) ?? 0) + 1);
  outcomes[imported ? 'imported' : 'refused']++;
  checked++;
  // Every 8th input also takes the popup's whole path, into a vault on memory storage.
  if (checked % 8 === 0) await checkThroughHandler(input, imported);
}

let pristine: { local: Record<string, unknown>; session: Record<string, unknown> };

async function checkThroughHandler(input: FuzzInput, importable: boolean): Promise<void> {
  const local = memoryArea(pristine.local);
  const session = memoryArea(pristine.session);
  const vault = new VaultService({ local, session, kdf: CHEAP_KDF });
  const handlers = createDataHandlers({ vault });
  const snapshot = () => JSON.stringify([[...local.data.entries()], [...session.data.entries()]]);
  const before = snapshot();
  const request = {
    format: input.format,
    filename: input.filename ?? 'fuzzed',
    base64: toBase64(input.bytes),
    ...(input.password !== undefined ? { password: input.password } : {}),
  };
  try {
    const answer = await handlers['data.import'](request);
    expect(importable).toBe(true);
    expect(answer.imported + answer.skipped).toBeGreaterThanOrEqual(0);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw new Error(`${input.family}: data.import threw ${String(error)}`, { cause: error });
    expect(error.message.trim()).not.toBe('');
    // A refused import leaves the vault and both storage areas exactly as they were.
    expect(snapshot()).toBe(before);
  }
  outcomes.viaHandler++;
}

async function fuzz(arbitrary: fc.Arbitrary<FuzzInput>, numRuns: number, offset: number): Promise<void> {
  const t = performance.now();
  const n = checked;
  await fuzzRaw(arbitrary, numRuns, offset);
  if (process.env.FUZZ_TRACE) console.log(`part ${offset}: ${checked - n} in ${(performance.now() - t).toFixed(0)} ms, importFile ${checkMs.toFixed(0)} ms so far`);
}

async function fuzzRaw(arbitrary: fc.Arbitrary<FuzzInput>, numRuns: number, offset: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, (input) => check(input)),
    { seed: SEED + offset, numRuns, endOnFailure: true },
  );
}

// ---------------------------------------------------------------------------
// Byte-level mutations of a valid file

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x22, 0x2c, 0x0a, 0x0d, 0x3c, 0x26) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }), to: fc.nat() }), weight: 1 },
);

const mutations = (max = 6) => fc.array(mutation, { minLength: 1, maxLength: max });

// ---------------------------------------------------------------------------
// JSON: structural mutations (wrong types, missing and extra keys, prototype keys, deep nesting, huge strings)

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Stand-ins replaced in the serialised text, so the test never builds a deep object itself. */
const DEEP = (depth: number, open: '[' | '{') => `\u0001DEEP:${open}:${depth}\u0001`;
const DEEP_PATTERN = /"\\u0001DEEP:([[{]):(\d+)\\u0001"/g;

function serialise(value: Json, indent = false): string {
  return JSON.stringify(value, null, indent ? 2 : undefined).replace(DEEP_PATTERN, (_, open: string, depth: string) => {
    const n = Number(depth);
    return open === '[' ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  });
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** `arbitrary` about once in `every` draws, null otherwise. */
function rarely<T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: every - 1 }, { arbitrary, weight: 1 });
}

const oddString = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 8 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: fc.constantFrom('', ' ', '\u0000', '\ud800', '\uFEFF', 'true', 'false', '1', '0', '-1', 'NaN', '1e400', '2024-02-30T25:61:00Z', 'null', ...PROTOTYPE_KEYS), weight: 4 },
  { arbitrary: fc.constantFrom('otpauth://totp/X?secret=JBSWY3DPEHPK3PXP', 'otpauth://hotp/X?secret=JBSW', 'steam://ABCDE', 'JBSWY3DPEHPK3PXP', 'https://login.example.com', 'javascript:alert(1)', '^https://.*$'), weight: 4 },
  { arbitrary: fc.integer({ min: 5_000, max: 300_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
);

const oddNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 1, 2, 3, 4, 5, 6, 255, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324, 1.5, 10_000_000_000_001),
);

const jsonish: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 3 },
  { arbitrary: oddString, weight: 3 },
  { arbitrary: oddNumber, weight: 2 },
  { arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], [[]], { '': null }), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 50, max: 50_000 }), fc.constantFrom('[' as const, '{' as const)).map(([n, open]) => DEEP(n, open)), weight: 1 },
);

type JsonOp =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'wrap'; at: number };

const jsonOp: fc.Arbitrary<JsonOp> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: jsonish }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 3 },
  {
    arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 })), value: jsonish }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('wrap' as const), at: fc.nat() }), weight: 1 },
);

interface Slot {
  parent: Json[] | { [key: string]: Json };
  key: string | number;
}

function slots(root: Json): { slots: Slot[]; containers: Slot['parent'][] } {
  const found: Slot[] = [];
  const containers: Slot['parent'][] = [];
  const pending: Json[] = [root];
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    containers.push(value);
    for (const key of Object.keys(value)) {
      found.push({ parent: value, key: Array.isArray(value) ? Number(key) : key });
      pending.push((value as Record<string, Json>)[key]!);
    }
  }
  return { slots: found, containers };
}

function setOwn(target: Slot['parent'], key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutateJson(base: Json, ops: readonly JsonOp[]): Json {
  const root = structuredClone(base);
  for (const op of ops) {
    const { slots: all, containers } = slots(root);
    if (op.kind === 'add') {
      const target = containers[op.at % containers.length];
      if (!target) continue;
      if (Array.isArray(target)) target.push(op.value);
      else setOwn(target, op.key, op.value);
      continue;
    }
    const slot = all[op.at % Math.max(1, all.length)];
    if (!slot) continue;
    const { parent, key } = slot;
    if (op.kind === 'replace') setOwn(parent, key, op.value);
    else if (op.kind === 'wrap') setOwn(parent, key, [(parent as Record<string, Json>)[key]!]);
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else Reflect.deleteProperty(parent, key);
  }
  return root;
}

const jsonOps = (max = 5) => fc.array(jsonOp, { minLength: 1, maxLength: max });

// ---------------------------------------------------------------------------
// CSV: every flavour the importer recognises, as fixtures to mutate and as headers to generate rows for

const CSV_FLAVOURS = {
  latchkey: 'latchkey.csv',
  bitwarden: 'bitwarden.csv',
  chrome: 'chrome.csv',
  edge: 'edge.csv',
  firefox: 'firefox.csv',
  '1password': '1password.csv',
  '1password-minimal': '1password-minimal.csv',
  lastpass: 'lastpass.csv',
  protonpass: 'protonpass.csv',
  dashlane: 'dashlane.csv',
  keeper: 'keeper.csv',
  nordpass: 'nordpass.csv',
  'apple-passwords': 'apple-passwords.csv',
  keepassxc: 'keepassxc.csv',
} as const;
type CsvFlavour = keyof typeof CSV_FLAVOURS;
const CSV_FLAVOUR_NAMES = Object.keys(CSV_FLAVOURS) as CsvFlavour[];

function headerOf(flavour: CsvFlavour): string[] {
  const [first] = fixtureText(CSV_FLAVOURS[flavour]).split(/\r?\n/);
  return first!.split(',').map((column) => column.replace(/^"|"$/g, ''));
}

/** Values of the kinds each column holds, right and wrong. */
function columnValue(column: string): fc.Arbitrary<string> {
  const name = column.toLowerCase();
  const plain = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '"', ',', '\n', '\r', '\uFEFF', 'é', '😀'));
  const specific: Record<string, fc.Arbitrary<string>> = {
    url: fc.constantFrom('https://login.example.com', 'example.com', 'http://[::1]:8080/x', 'not a url', 'javascript:alert(1)', 'https://a.example\nhttps://b.example', 'https://a,https://b', '://', 'https://' + 'a'.repeat(3000) + '.com'),
    login_uri: fc.constantFrom('https://vpn.contoso.com,https://vpn2.contoso.com', '', ',,,', 'ftp://x'),
    totp: fc.constantFrom('', 'JBSWY3DPEHPK3PXP', 'jbsw y3dp', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&digits=9', 'otpauth://hotp/X?secret=JBSW&counter=1', 'steam://ABC', '!!!', 'otpauth://totp/?secret='),
    favorite: fc.constantFrom('', '1', '0', 'true', 'TRUE', 'yes', 'no', '2'),
    type: fc.constantFrom('login', 'note', 'LOGIN', 'card', 'identity', '', '1', '__proto__'),
    time: fc.constantFrom('', '1672531200000', '0', '-1', '99999999999999999999', '1e20', '2024-01-01', '2024-13-45T99:00:00Z', 'abc', '10000000000001'),
    fields: fc.constantFrom('', 'Region: EU\nToken: 1234', ': ', 'no colon', 'a: b\r\nc: d', '\n\n\n'),
    folder: fc.constantFrom('', 'Work', ' Work ', '__proto__', 'constructor', 'a / b'),
  };
  const kind =
    name === 'url' || name === 'login_uri' ? name
      : name === 'totp' || name === 'otpauth' || name === 'login_totp' ? 'totp'
        : name === 'favorite' || name === 'archived' || name === 'reprompt' ? 'favorite'
          : name.startsWith('time') ? 'time'
            : name;
  const own = Object.hasOwn(specific, kind) ? specific[kind] : undefined;
  return own ? fc.oneof({ arbitrary: own, weight: 3 }, { arbitrary: plain, weight: 1 }) : plain;
}

const hugeField = fc.integer({ min: 100_000, max: 1_100_000 }).map((n) => 'y'.repeat(n));

function quote(field: string, style: 'auto' | 'always' | 'unbalanced' | 'raw'): string {
  if (style === 'raw') return field;
  if (style === 'unbalanced') return `"${field}`;
  if (style === 'always' || /[",\r\n]/.test(field)) return `"${field.replace(/"/g, '""')}"`;
  return field;
}

const quoteStyle = fc.oneof(
  { arbitrary: fc.constant('auto' as const), weight: 12 },
  { arbitrary: fc.constant('always' as const), weight: 3 },
  { arbitrary: fc.constant('raw' as const), weight: 2 },
  { arbitrary: fc.constant('unbalanced' as const), weight: 1 },
);

/** A CSV file: a flavour's header (sometimes altered), rows of plausible and implausible values. */
const generatedCsv: fc.Arbitrary<FuzzInput> = fc
  .record({
    flavour: fc.constantFrom(...CSV_FLAVOUR_NAMES),
    headerChange: fc.oneof(
      { arbitrary: fc.constant('none' as const), weight: 10 },
      { arbitrary: fc.constantFrom('upper' as const, 'shuffle' as const, 'drop' as const, 'extra' as const, 'repeat' as const, 'spaces' as const), weight: 4 },
      { arbitrary: fc.constant('many' as const), weight: 1 },
    ),
    seedValue: fc.nat(),
    bom: fc.constantFrom('', '', '', '\uFEFF', '\uFEFF\uFEFF'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    finalNewline: fc.boolean(),
    rowCount: fc.integer({ min: 0, max: 12 }),
    huge: rarely(hugeField, 40),
    wideRows: rarely(fc.integer({ min: 100, max: 5000 }), 30),
  })
  .chain((shape) => {
    let header = headerOf(shape.flavour);
    const s = shape.seedValue;
    switch (shape.headerChange) {
      case 'upper':
        header = header.map((c) => c.toUpperCase());
        break;
      case 'shuffle':
        header = [...header].sort((a, b) => ((a.length * 31 + s) % 7) - ((b.length * 31 + s) % 7));
        break;
      case 'drop':
        header = header.filter((_, i) => i !== s % header.length);
        break;
      case 'extra':
        header = [...header, ['extra', '__proto__', 'constructor', ''][s % 4]!];
        break;
      case 'repeat':
        header = [...header, header[s % header.length]!];
        break;
      case 'spaces':
        header = header.map((c) => ` ${c} `);
        break;
      case 'many':
        header = [...header, ...Array.from({ length: 2000 + (s % 3000) }, (_, i) => `c${i}`)];
        break;
      case 'none':
        break;
    }
    const width = shape.wideRows ?? header.length;
    // A value of the column's kind for each of the first columns; plain text beyond.
    const cell = (column: string | undefined) => fc.tuple(column === undefined ? columnValue('') : columnValue(column), quoteStyle);
    const named = Array.from({ length: Math.min(width, 40) }, (_, i) => cell(header[i]));
    const row = fc.tuple(fc.tuple(...named), fc.constantFrom(0, 0, 0, 0, 1, -1));
    return fc.tuple(fc.constant({ ...shape, header, width }), fc.array(row, { minLength: shape.rowCount, maxLength: shape.rowCount }), fc.array(fc.tuple(fc.nat(), columnValue('url')), { maxLength: 3 }));
  })
  .map(([shape, rows, spliced]) => {
    const lines = [shape.header.map((c) => quote(c, 'auto')).join(',')];
    for (const [fields, widthChange] of rows) {
      let cells = fields.map(([value, style]) => quote(value, style));
      if (shape.width > cells.length) cells = [...cells, ...Array.from({ length: shape.width - cells.length }, (_, i) => `v${i}`)];
      if (widthChange < 0) cells = cells.slice(0, -1);
      else if (widthChange > 0) cells = [...cells, 'extra'];
      lines.push(cells.join(','));
    }
    if (shape.huge !== null && lines.length > 1) {
      const at = 1 + (shape.huge.length % (lines.length - 1));
      lines[at] = `${lines[at]!.slice(0, lines[at]!.lastIndexOf(',') + 1)}"${shape.huge}"`;
    }
    for (const [at, value] of spliced) if (lines.length > 1) lines.splice(1 + (at % (lines.length - 1)), 0, value);
    const text = shape.bom + lines.join(shape.newline) + (shape.finalNewline ? shape.newline : '');
    return { family: `csv/${shape.flavour}`, bytes: utf8Encode(text), format: s2format(shape.seedValue) };
  });

function s2format(n: number): ImportFormat {
  return n % 3 === 0 ? 'csv' : 'auto';
}

const csvFixtureMutation: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.constantFrom(...CSV_FLAVOUR_NAMES), mutations(), fc.boolean(), fc.constantFrom(new Uint8Array(0), Uint8Array.of(0xef, 0xbb, 0xbf), Uint8Array.of(0xff, 0xfe), Uint8Array.of(0)))
  .map(([flavour, changes, explicit, prefix]) => ({
    family: `csv/${flavour}`,
    bytes: concatBytes(prefix, mutate(fixture(CSV_FLAVOURS[flavour]), changes)),
    format: explicit ? 'csv' : 'auto',
  }));

/** Text that is CSV only in its characters: unbalanced quotes, stray CRs, NULs. */
const csvNoise: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.array(fc.constantFrom('"', ',', '\n', '\r', '\r\n', '""', 'a', 'name', 'url', 'username', 'password', '\u0000', '\uFEFF', ' ', 'é'), { maxLength: 200 }), fc.boolean())
  .map(([parts, explicit]) => ({ family: 'csv/noise', bytes: utf8Encode(parts.join('')), format: explicit ? 'csv' : 'auto' }));

// ---------------------------------------------------------------------------
// Bitwarden JSON

const bitwardenFixture = JSON.parse(fixtureText('bitwarden.json')) as Json;

const bitwardenMutation: fc.Arbitrary<FuzzInput> = fc
  .tuple(jsonOps(), fc.boolean(), fc.boolean())
  .map(([ops, explicit, indent]) => ({
    family: 'bitwarden-json/mutated',
    bytes: utf8Encode(serialise(mutateJson(bitwardenFixture, ops), indent)),
    format: explicit ? 'bitwarden-json' : 'auto',
  }));

const bitwardenBytes: fc.Arbitrary<FuzzInput> = fc.tuple(mutations(), fc.constantFrom('bitwarden.json', 'bitwarden-truncated.json')).map(([changes, name]) => ({
  family: 'bitwarden-json/bytes',
  bytes: mutate(fixture(name), changes),
  format: 'auto',
}));

/** A value of the wrong type, small (the structural mutations above bring the huge and deep ones). */
const wrongType: fc.Arbitrary<Json> = fc.oneof(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, oddNumber, fc.constantFrom<Json>(null, true, false, [], {}, [null], '', '__proto__'));
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | Json> => fc.oneof({ arbitrary, weight: 6 }, { arbitrary: wrongType, weight: 1 });
const text = maybe(fc.oneof({ arbitrary: fc.string({ maxLength: 30 }), weight: 30 }, { arbitrary: oddString, weight: 1 }));

/** Items shaped like Bitwarden's, with each field sometimes of the wrong type. */
const bitwardenItem = fc.record(
  {
    type: maybe(fc.constantFrom(1, 2, 3, 4, 5, 0, 6, '1')),
    name: text,
    notes: text,
    favorite: maybe(fc.constantFrom(true, false, 'true', 'false', null)),
    folderId: maybe(fc.constantFrom('f1', 'f2', null, 'missing')),
    collectionIds: maybe(fc.constantFrom(['f1'], [], [1], null)),
    deletedDate: fc.constantFrom(null, null, null, '2024-01-01T00:00:00Z', 0 as Json),
    creationDate: maybe(fc.constantFrom('2022-09-01T07:30:00.000Z', '1672531200000', 'soon', -5, 1e300)),
    revisionDate: maybe(fc.constantFrom('2024-05-14T16:42:11.523Z', 'yesterday', 0)),
    fields: maybe(fc.array(fc.record({ name: text, value: text, type: maybe(fc.constantFrom(0, 1, 2, 3, 4, '0', null)) }, { requiredKeys: [] }), { maxLength: 4 })),
    passwordHistory: maybe(fc.array(fc.record({ password: text, lastUsedDate: text }, { requiredKeys: [] }), { maxLength: 60 })),
    login: maybe(
      fc.record(
        {
          username: text,
          password: text,
          totp: text,
          uris: maybe(fc.array(fc.record({ uri: text, match: maybe(fc.constantFrom(null, 0, 1, 2, 3, 4, 5, 6, -1, '__proto__', 'constructor', 'toString')) }, { requiredKeys: [] }), { maxLength: 5 })),
          fido2Credentials: maybe(
            fc.array(
              fc.record(
                {
                  keyAlgorithm: maybe(fc.constantFrom('ECDSA', 'RSA')),
                  keyCurve: maybe(fc.constantFrom('P-256', 'P-384')),
                  keyType: fc.constant('public-key'),
                  keyValue: maybe(fc.constantFrom('', 'AAAA', 'not base64', 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgo9yiR1PjN8wufQSSWWscFb3NsdYflh4DRTMkLUHV+AGhRANCAATj/SQngVYPifwUmjGdoFRiRgQkLYGXhMZJ9SRPNC0sBh8n4n4D75Ka+Ac7l34xJxDqKbV2a61IIiTk81ADP4/m')),
                  credentialId: maybe(fc.constantFrom('', 'b-n3E1xI-fqn2DGrOFTLjTOg', '6e7dc4d7-121f-aa7d-8b1a-b3854cb8d33a', 'zz', '0123')),
                  rpId: text,
                  rpName: text,
                  userName: text,
                  userDisplayName: text,
                  userHandle: text,
                  counter: maybe(fc.constantFrom('0', '7', '', '-1', '1e3', '99999999999999999999')),
                  discoverable: maybe(fc.constantFrom('true', 'false', true, 'maybe')),
                  creationDate: text,
                },
                { requiredKeys: [] },
              ),
              { maxLength: 2 },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    card: maybe(fc.record({ cardholderName: text, brand: text, number: text, expMonth: maybe(fc.constantFrom('3', '03', '13', '0', 'x', '')), expYear: maybe(fc.constantFrom('2029', '29', '1', 'soon', '')), code: text }, { requiredKeys: [] })),
    identity: maybe(fc.dictionary(fc.constantFrom('title', 'firstName', 'lastName', 'email', 'phone', 'address1', 'city', 'ssn', 'company', 'username', 'passportNumber'), text)),
    sshKey: maybe(fc.record({ privateKey: text, publicKey: text, keyFingerprint: text }, { requiredKeys: [] })),
  },
  { requiredKeys: ['type'] },
);

const bitwardenGenerated: fc.Arbitrary<FuzzInput> = fc
  .record({
    encrypted: maybe(fc.constantFrom(false, false, true, 'false')),
    folders: maybe(fc.array(fc.record({ id: maybe(fc.constantFrom('f1', 'f2', '')), name: text }, { requiredKeys: [] }), { maxLength: 3 })),
    collections: fc.option(fc.array(fc.record({ id: maybe(fc.constantFrom('f1', 'c9')), name: text }), { maxLength: 2 }), { nil: undefined }),
    items: maybe(fc.array(bitwardenItem, { maxLength: 6 })),
  }, { requiredKeys: ['encrypted', 'items'] })
  .map((root) => ({ family: 'bitwarden-json/generated', bytes: utf8Encode(serialise(root as Json)), format: 'auto' as const }));

/** JSON text that is not an object at the top, or barely JSON at all. */
const jsonNoise: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), fc.array(fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', 'true', 'null', '"items"', '"format"', '"latchkey-backup"', '\\u0000', ' '), { maxLength: 60 }).map((p) => p.join(''))), fc.constantFrom<ImportFormat>('auto', 'bitwarden-json', 'latchkey'))
  .map(([body, format]) => ({ family: 'bitwarden-json/noise', bytes: utf8Encode(body.startsWith('{') ? body : `{${body}`), format }));

// ---------------------------------------------------------------------------
// Latchkey backups

let backup: Json;
let backupKey: Uint8Array;

/** Seals `plaintext` as a backup with the same header as `backup` (mirrors writeBackup's associated data). */
async function sealedBackup(plaintext: Uint8Array): Promise<Json> {
  const head = backup as Record<string, Json> & { kdf: { algorithm: string; memoryKiB: number; iterations: number; parallelism: number } };
  const aad = (purpose: string) =>
    utf8Encode(JSON.stringify([purpose, head.format, head.version, head.dataVersion, head.created, head.kdf.algorithm, head.kdf.memoryKiB, head.kdf.iterations, head.kdf.parallelism, head.salt]));
  const dataKey = randomBytes(32);
  const wrapped = await aesGcmEncrypt(await importAesKey(backupKey), dataKey, aad('latchkey/backup-key'));
  const sealed = await aesGcmEncrypt(await importAesKey(dataKey), plaintext, aad('latchkey/backup-data'));
  return {
    ...head,
    wrappedKey: { nonce: toBase64(wrapped.nonce), ciphertext: toBase64(wrapped.ciphertext) },
    data: { nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) },
  };
}

/** With a password, a forged header must not make the fuzzer itself run an hour of Argon2: costs above the cheap test setting are put back. */
function capKdf(json: Json): Json {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const kdf = json.kdf as Record<string, unknown> | undefined;
  if (kdf && typeof kdf === 'object' && ['memoryKiB', 'iterations', 'parallelism'].some((k) => typeof kdf[k] === 'number' && (kdf[k] as number) > (CHEAP_KDF as unknown as Record<string, number>)[k]!)) {
    setOwn(json, 'kdf', { ...CHEAP_KDF });
  }
  return json;
}

const backupHeaderMutation = (withPassword: boolean): fc.Arbitrary<FuzzInput> =>
  fc.tuple(jsonOps(4), fc.boolean()).map(([ops, explicit]) => {
    const mutated = mutateJson(backup, ops);
    return {
      family: withPassword ? 'latchkey/header+password' : 'latchkey/header',
      bytes: utf8Encode(serialise(withPassword ? capKdf(mutated) : mutated, true)),
      format: explicit ? 'latchkey' : 'auto',
      ...(withPassword ? { password: BACKUP_PASSWORD } : {}),
    };
  });

const backupBytes: fc.Arbitrary<FuzzInput> = fc.tuple(mutations(), fc.boolean()).map(([changes, explicit]) => ({
  family: 'latchkey/bytes',
  bytes: mutate(utf8Encode(serialise(backup, true)), changes),
  format: explicit ? 'latchkey' : 'auto',
}));

/** Contents that decrypt fine but are not a valid vault (or not JSON, or not UTF-8). */
const backupContents: fc.Arbitrary<Promise<FuzzInput>> = fc
  .oneof(
    jsonOps(4).map((ops) => utf8Encode(serialise(mutateJson(sampleVault() as unknown as Json, ops)))),
    fc.uint8Array({ maxLength: 64 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => utf8Encode(JSON.stringify(v))),
  )
  .map(async (plaintext) => ({ family: 'latchkey/contents', bytes: utf8Encode(serialise(await sealedBackup(plaintext))), format: 'auto' as const, password: BACKUP_PASSWORD }));

// ---------------------------------------------------------------------------
// KDBX 4

let tinyKdbx: Uint8Array;
let tinyHeaderEnd: number;

/** Where a KDBX file's outer header ends (KDBX 3 sizes its fields in 2 bytes, KDBX 4 in 4). */
function headerEnd(file: Uint8Array): number {
  const view = new DataView(file.buffer, file.byteOffset, file.length);
  const width = view.getUint16(10, true) >= 4 ? 4 : 2;
  let offset = 12;
  for (;;) {
    const id = file[offset]!;
    const size = width === 4 ? view.getUint32(offset + 1, true) : view.getUint16(offset + 1, true);
    offset += 1 + width + size;
    if (id === 0) return offset;
  }
}

/** The KeePassXC fixture without a password: everything before the key derivation. */
const kdbxFixtureBytes: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.constantFrom('keepassxc.kdbx', 'keepassxc.kdbx', 'keepassxc.kdbx', 'keepassxc.kdbx', 'keepassxc-kdbx3.kdbx'), mutations(4), fc.boolean(), fc.constantFrom('header', 'anywhere'))
  .map(([name, changes, explicit, where]) => {
    const file = fixture(name);
    return {
      family: 'kdbx/fixture',
      bytes: mutate(file, changes, where === 'header' ? { from: 0, to: headerEnd(file) + 64 } : undefined),
      format: explicit ? 'kdbx' : 'auto',
    };
  });

/** A file made here with a tiny Argon2, damaged anywhere, opened with its password. */
const kdbxTinyBytes: fc.Arbitrary<FuzzInput> = fc.tuple(mutations(4), fc.constantFrom('header', 'blocks', 'anywhere')).map(([changes, where]) => ({
  family: 'kdbx/tiny-argon2',
  bytes: mutate(tinyKdbx, changes, where === 'header' ? { from: 0, to: tinyHeaderEnd + 64 } : where === 'blocks' ? { from: tinyHeaderEnd + 64, to: tinyKdbx.length } : undefined),
  format: 'auto',
  password: KDBX_PASSWORD,
}));

// Layered files: each layer valid or damaged, the checksums and HMACs made to match so the damage reaches the layer below.
const kdfSpec: fc.Arbitrary<KdbxSpec['kdf']> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('argon2d' as const, 'argon2id' as const),
      memoryKiB: fc.constantFrom(8, 16, 16, 64),
      iterations: fc.constantFrom(1, 2),
      parallelism: fc.constantFrom(1, 2),
      saltLength: fc.constantFrom(8, 16, 32, 64),
      secret: fc.option(fc.uint8Array({ minLength: 1, maxLength: 32 }), { nil: undefined }),
      version: fc.constantFrom(0x13, 0x13, 0x13, 0x13, 0x13, 0x13, 0x13, 0x10),
      emptyAd: fc.boolean(),
    }),
    weight: 10,
  },
  { arbitrary: fc.record({ kind: fc.constant('aes' as const), rounds: fc.integer({ min: 1, max: 2000 }), seedLength: fc.constantFrom(32, 32, 32, 16) }), weight: 2 },
  {
    // Out of range or malformed: refused before any key derivation runs.
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      entries: fc.array(
        fc.tuple(
          fc.constantFrom('$UUID', 'S', 'M', 'I', 'P', 'V', 'R', 'K', 'A', '', '__proto__'),
          fc.constantFrom(0x04, 0x05, 0x08, 0x0c, 0x0d, 0x18, 0x42, 0x01, 0xff),
          fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(Uint8Array.of(0xff, 0xff, 0xff, 0xff), Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0x80), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))),
        ),
        { maxLength: 8 },
      ),
      version: fc.constantFrom(0x0100, 0x0101, 0x0200, 0x0000),
      truncateBy: fc.constantFrom(0, 0, 0, 1, 3),
    }),
    weight: 2,
  },
);

const xmlDamage = fc.array(
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom('', '<', '>', '&', ';', '/', '"', "'", '=', '<!DOCTYPE x>', '<![CDATA[', ']]>', '<?x', '<!--', '&#x110000;', '&#0;', '&#xD800;', '&bogus;', '&amp', '</Entry>', '<Entry>', '<Group>', '</Group>', '<String><Key>Password</Key><Value Protected="True">@@</Value></String>', '<a>'.repeat(300), '\u0000', '\uFFFF'), fc.string({ maxLength: 8 })), fc.integer({ min: 0, max: 20 })),
  { maxLength: 4 },
);

/** KeePass XML written from scratch: odd keys, values, times, types, nested groups. */
const kdbxEntryXml = fc
  .record({
    strings: fc.array(
      fc.tuple(
        fc.constantFrom('Title', 'UserName', 'Password', 'URL', 'Notes', 'otp', 'KP2A_URL', 'KP2A_URL_1', 'Latchkey:Type', 'Latchkey:URL Match', 'Card Number', 'Expiry Month', 'Expiry Year', 'KPEX_PASSKEY_PRIVATE_KEY_PEM', 'KPEX_PASSKEY_RELYING_PARTY', 'Latchkey:Sign Count', 'TOTP Seed', 'TOTP Settings', '__proto__', 'constructor', ''),
        fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('note', 'card', 'identity', 'passkey', 'login', 'bogus', 'host,never,x', '13', '2x', '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----', 'JBSWY3DP', '30;6', '30;x', '99999999999999999999')),
        fc.constantFrom(false, false, false, false, false, true),
      ),
      { maxLength: 8 },
    ),
    time: fc.constantFrom('', 'AAAAAAAAAAA=', '//////////8=', 'gICAgICAgIA=', '2024-01-01T00:00:00Z', '2024-99-99T', 'not base64', 'AAAA'),
    tags: fc.constantFrom('', 'Favorite', 'a;favorite,b', ';;;'),
    history: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ strings, time, tags, history }) => {
    const stringXml = strings
      .map(([key, value, protect]) => `<String><Key>${escape(key)}</Key><Value${protect ? ' Protected="True"' : ''}>${escape(value)}</Value></String>`)
      .join('');
    const times = `<Times><CreationTime>${time}</CreationTime><LastModificationTime>${time}</LastModificationTime></Times>`;
    const old = Array.from({ length: history }, (_, i) => `<Entry>${times}<String><Key>Password</Key><Value>old${i}</Value></String></Entry>`).join('');
    return `<Entry>${times}<Tags>${tags}</Tags>${stringXml}${history > 0 ? `<History>${old}</History>` : ''}</Entry>`;
  });

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const scratchXml = fc
  .tuple(fc.array(kdbxEntryXml, { maxLength: 5 }), fc.integer({ min: 0, max: 300 }), fc.constantFrom('', 'AAAAAAAAAAAAAAAAAAAAAA==', 'bin'))
  .map(([entries, depth, bin]) => {
    const nested = '<Group><Name>g</Name>'.repeat(depth) + entries.join('') + '</Group>'.repeat(depth);
    return `<KeePassFile><Meta><RecycleBinUUID>${bin}</RecycleBinUUID></Meta><Root><Group><Name>Root</Name>${entries.join('')}<Group><UUID>bin</UUID><Name>Recycle</Name>${entries[0] ?? ''}</Group>${nested}</Group></Root></KeePassFile>`;
  });

/** The outer layers (header, key derivation, password): any of them damaged... */
const anyOuter = fc.record({
  cipher: fc.constantFrom('aes256' as const, 'chacha20' as const, 'twofish' as const, 'unknown' as const),
  version: fc.constantFrom<[number, number]>([4, 0], [4, 1], [3, 1], [5, 0], [4, 0xffff]),
  compression: fc.constantFrom(0, 1, 2, 0xff),
  kdf: kdfSpec,
  headerChange: fc.constantFrom(null, 'drop-seed' as const, 'drop-iv' as const, 'drop-kdf' as const, 'drop-cipher' as const, 'drop-compression' as const, 'short-seed' as const, 'short-iv' as const, 'extra-field' as const, 'repeat-field' as const),
  password: fc.constantFrom<string | undefined>(KDBX_PASSWORD, 'wrong password', undefined),
});

/** ...or all valid, so that the damage below reaches the blocks, the payload, the inner header and the XML. */
const validOuter = fc.record({
  cipher: fc.constantFrom('aes256' as const, 'chacha20' as const),
  version: fc.constantFrom<[number, number]>([4, 0], [4, 1]),
  compression: fc.constantFrom(0, 1),
  kdf: fc.oneof(
    fc.record({ kind: fc.constantFrom('argon2d' as const, 'argon2id' as const), memoryKiB: fc.constantFrom(8, 64), iterations: fc.constant(1), parallelism: fc.constant(1), saltLength: fc.constantFrom(8, 32), version: fc.constant(0x13), emptyAd: fc.boolean() }),
    fc.record({ kind: fc.constant('aes' as const), rounds: fc.integer({ min: 1, max: 100 }), seedLength: fc.constant(32) }),
  ),
  headerChange: fc.constant(null),
  password: fc.constant<string | undefined>(KDBX_PASSWORD),
});

const innerLayers = fc.record({
  innerHeader: fc.oneof(
    { arbitrary: fc.constant('valid' as const), weight: 12 },
    { arbitrary: fc.constantFrom('salsa20' as const, 'no-key' as const, 'short-id' as const, 'attachment' as const, 'truncated' as const, 'empty-key' as const), weight: 2 },
  ),
  xml: fc.oneof(
    { arbitrary: fc.tuple(fc.constant('sample' as const), xmlDamage), weight: 5 },
    { arbitrary: fc.tuple(fc.constant('scratch' as const), scratchXml), weight: 4 },
    { arbitrary: fc.tuple(fc.constant('bytes' as const), fc.uint8Array({ maxLength: 200 })), weight: 1 },
  ),
  payloadDamage: rarely(mutations(3), 8),
  ciphertextDamage: rarely(mutations(2), 10),
  blockSizes: fc.array(fc.integer({ min: 0, max: 4096 }), { maxLength: 4 }),
  blockDamage: fc.oneof(
    { arbitrary: fc.constant(null), weight: 12 },
    { arbitrary: fc.constantFrom('bad-mac' as const, 'no-final' as const, 'negative-size' as const, 'trailing' as const, 'huge-size' as const), weight: 2 },
  ),
});

const kdbxLayered: fc.Arbitrary<Promise<FuzzInput>> = fc
  .tuple(fc.oneof({ arbitrary: validOuter, weight: 3 }, { arbitrary: anyOuter, weight: 1 }), innerLayers)
  .map(async ([outer, inner]) => {
    const { password, ...layers } = outer;
    return {
      family: 'kdbx/layered',
      bytes: await kdbxFile({ ...layers, ...inner, password: KDBX_PASSWORD }, sampleVault()),
      format: 'auto' as const,
      ...(password !== undefined ? { password } : {}),
    };
  });

// ---------------------------------------------------------------------------
// Anything at all

const randomBytesInput: fc.Arbitrary<FuzzInput> = fc
  .tuple(
    fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.uint8Array({ maxLength: 8 }).map((tail) => concatBytes(Uint8Array.of(0x03, 0xd9, 0xa2, 0x9a), tail)), fc.uint8Array({ maxLength: 8 }).map((tail) => concatBytes(Uint8Array.of(0x50, 0x4b), tail))),
    fc.constantFrom<ImportFormat>('auto', 'auto', 'csv', 'bitwarden-json', 'latchkey', 'kdbx'),
    fc.constantFrom(undefined, 'file.csv', 'vault.1pux', 'x.kdb', 'a.opvault', '.json', ''),
    fc.constantFrom(undefined, 'pw'),
  )
  .map(([bytes, format, filename, password]) => ({ family: 'random/bytes', bytes, format, ...(filename !== undefined ? { filename } : {}), ...(password !== undefined ? { password } : {}) }));

// ---------------------------------------------------------------------------

describe(`importer fuzz (seed ${SEED})`, () => {
  beforeAll(async () => {
    const bytes = await writeBackup(sampleVault(), BACKUP_PASSWORD, CHEAP_KDF);
    backup = JSON.parse(new TextDecoder().decode(bytes)) as Json;
    const head = backup as { salt: string; format: string; version: number; dataVersion: number };
    expect([head.format, head.version, head.dataVersion]).toEqual([BACKUP_FORMAT, BACKUP_VERSION, VAULT_FORMAT_VERSION]);
    backupKey = await deriveMasterKey(BACKUP_PASSWORD, fromBase64(head.salt), CHEAP_KDF);
    tinyKdbx = await kdbxFile(
      { cipher: 'aes256', version: [4, 0], compression: 1, kdf: { kind: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1, saltLength: 32, version: 0x13, emptyAd: false }, headerChange: null, innerHeader: 'valid', xml: ['sample', []], payloadDamage: null, ciphertextDamage: null, blockSizes: [], blockDamage: null, password: KDBX_PASSWORD },
      sampleVault(),
    );
    tinyHeaderEnd = headerEnd(tinyKdbx);
    // The builders are right: untouched, each opens and imports every sample item.
    expect((await importFile(tinyKdbx, { format: 'auto', password: KDBX_PASSWORD })).items).toHaveLength(5);
    expect((await importFile(utf8Encode(serialise(await sealedBackup(utf8Encode(JSON.stringify(sampleVault()))))), { format: 'auto', password: BACKUP_PASSWORD })).items).toHaveLength(5);

    const local = memoryArea();
    const session = memoryArea();
    const vault = new VaultService({ local, session, kdf: CHEAP_KDF });
    await vault.create('fuzz master password');
    await vault.update((data) => data.items.push(...sampleVault().items.slice(0, 2).map((item) => ({ ...item, folderId: null }))));
    pristine = { local: Object.fromEntries(local.data), session: Object.fromEntries(session.data) };
  });

  afterAll(() => {
    if (process.env.FUZZ_TRACE) console.log([...reasons].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${n}\t${k}`).join('\n'));
    const byFormat = new Map<string, [number, string[]]>();
    for (const [family, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
      const [format, kind] = family.split('/') as [string, string];
      const entry = byFormat.get(format) ?? [0, []];
      byFormat.set(format, [entry[0] + n, [...entry[1], `${kind} ${n}`]]);
    }
    const perFormat = [...byFormat].map(([format, [n, kinds]]) => `${format} ${n}: ${kinds.join(', ')}`).join('; ');
    console.log(
      `Importer fuzz: ${checked} files (${perFormat}), ${crashes} crashes, slowest ${slowest.ms.toFixed(0)} ms (${slowest.family}); ` +
        `${outcomes.imported} imported, ${outcomes.refused} refused with a FormatError, ${outcomes.viaHandler} also through data.import; seed ${SEED}`,
    );
  });

  it('CSV of every flavour: mutated fixtures, generated rows, noise', async () => {
    await fuzz(csvFixtureMutation, 1400, 1);
    await fuzz(generatedCsv, 2600, 2);
    await fuzz(csvNoise, 500, 3);
  }, 60_000);

  it('Bitwarden JSON: structural and byte mutations, generated items, JSON noise', async () => {
    await fuzz(bitwardenMutation, 1200, 4);
    await fuzz(bitwardenBytes, 400, 5);
    await fuzz(bitwardenGenerated, 900, 6);
    await fuzz(jsonNoise, 300, 7);
  }, 60_000);

  it('Latchkey backups: header and byte mutations without a password, a few with one, damaged contents', async () => {
    await fuzz(backupHeaderMutation(false), 900, 8);
    await fuzz(backupBytes, 300, 9);
    await fuzz(backupHeaderMutation(true), 50, 10);
    await fc.assert(fc.asyncProperty(backupContents, async (input) => check(await input)), { seed: SEED + 11, numRuns: 60, endOnFailure: true });
  }, 60_000);

  it('KDBX 4: damaged fixtures and headers, layered files with each layer damaged', async () => {
    await fuzz(kdbxFixtureBytes, 700, 12);
    await fuzz(kdbxTinyBytes, 500, 13);
    await fc.assert(fc.asyncProperty(kdbxLayered, async (input) => check(await input)), { seed: SEED + 14, numRuns: 1100, endOnFailure: true });
    // The KeePassXC fixture with its password (1,000,000 AES-KDF rounds each): only a few, damaged after the header.
    const file = fixture('keepassxc.kdbx');
    const end = headerEnd(file) + 64;
    await fc.assert(
      fc.asyncProperty(mutations(2), (changes) => check({ family: 'kdbx/fixture+password', bytes: mutate(file, changes, { from: end, to: file.length }), format: 'kdbx', password: FIXTURE_KDBX_PASSWORD })),
      { seed: SEED + 15, numRuns: 6, endOnFailure: true },
    );
  }, 60_000);

  it('random bytes under every format, with and without a password and file name', async () => {
    await fuzz(randomBytesInput, 600, 16);
  }, 60_000);
});
