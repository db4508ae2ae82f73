// KDBX 4 stores times as base64 of a little-endian int64: seconds since 0001-01-01T00:00:00Z.
import { fromBase64, toBase64 } from '../../bytes';
import { u64le } from './binary';

const SECONDS_FROM_YEAR_1_TO_1970 = 62_135_596_800n;

export function encodeKdbxTime(ms: number): string {
  return toBase64(u64le(BigInt(Math.floor(ms / 1000)) + SECONDS_FROM_YEAR_1_TO_1970));
}

/** A KDBX time as ms epoch, or null when absent or unreadable. Older files use ISO dates. */
export function decodeKdbxTime(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isFinite(ms) ? ms : null;
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(trimmed);
  } catch {
    return null;
  }
  if (bytes.length !== 8) return null;
  let seconds = 0n;
  for (let i = 7; i >= 0; i--) seconds = (seconds << 8n) | BigInt(bytes[i]!);
  const ms = Number(seconds - SECONDS_FROM_YEAR_1_TO_1970) * 1000;
  return Number.isSafeInteger(ms) && ms >= 0 ? ms : null;
}
