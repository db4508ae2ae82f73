// Little-endian byte reading and writing for the KDBX container.
import { concatBytes } from '../../bytes';
import { corrupt } from '../errors';

export class ByteReader {
  private offset = 0;
  constructor(
    private readonly bytes: Uint8Array,
    /** What is being read, for "truncated" messages. */
    private readonly what: string,
  ) {}

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.offset + length > this.bytes.length) corrupt(`${this.what} is truncated or damaged.`);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  u8(): number {
    return this.take(1)[0]!;
  }

  u16(): number {
    const b = this.take(2);
    return b[0]! | (b[1]! << 8);
  }

  u32(): number {
    const b = this.take(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  i32(): number {
    return this.u32() | 0;
  }

  u64(): bigint {
    const low = BigInt(this.u32());
    const high = BigInt(this.u32());
    return (high << 32n) | low;
  }
}

export class ByteWriter {
  private readonly parts: Uint8Array[] = [];

  bytes(data: Uint8Array): this {
    this.parts.push(data);
    return this;
  }

  u8(value: number): this {
    return this.bytes(Uint8Array.of(value & 0xff));
  }

  u16(value: number): this {
    return this.bytes(Uint8Array.of(value & 0xff, (value >>> 8) & 0xff));
  }

  u32(value: number): this {
    return this.bytes(u32le(value));
  }

  u64(value: bigint): this {
    return this.bytes(u64le(value));
  }

  result(): Uint8Array {
    return concatBytes(...this.parts);
  }
}

export function u32le(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
}

export function u64le(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  let v = BigInt.asUintN(64, value);
  for (let i = 0; i < 8; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
