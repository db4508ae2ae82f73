// gzip through the platform's streams (service workers, pages and Node all
// have them), with a cap on the inflated size so a tiny file can't expand into
// gigabytes.
import { asBufferSource, concatBytes } from '../../bytes';
import { corrupt } from '../errors';

async function pump(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      corrupt(`The KeePass file expands to more than ${Math.round(limit / 1024 / 1024)} MiB; Latchkey does not import files that large.`);
    }
    parts.push(value);
  }
  return concatBytes(...parts);
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([asBufferSource(bytes)]).stream().pipeThrough(transform);
}

export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pump(through(bytes, new CompressionStream('gzip')), Number.MAX_SAFE_INTEGER);
}

export async function gunzip(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  try {
    return await pump(through(bytes, new DecompressionStream('gzip')), limit);
  } catch (error) {
    if (error instanceof Error && error.name === 'FormatError') throw error;
    return corrupt('The KeePass file\'s compressed contents are damaged.');
  }
}
