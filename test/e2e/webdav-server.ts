// A private WebDAV server for the sync tests: Debian's `rclone serve webdav` on 127.0.0.1,
// with its own temporary folder and an empty config, Basic auth, stopped by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RCLONE = process.env.LATCHKEY_RCLONE ?? '/usr/bin/rclone';

export interface WebDavServer {
  /** The folder URL, ending in /. */
  readonly url: string;
  /** Where the served files are on disk. */
  readonly dataDir: string;
  readonly username: string;
  readonly password: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Uploads a file through WebDAV, as another program would. */
  put(name: string, bytes: Uint8Array | string): Promise<void>;
  /** Removes every served file. */
  clear(): void;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startWebDav(): Promise<WebDavServer> {
  const root = mkdtempSync(join(tmpdir(), 'latchkey-webdav-'));
  const dataDir = join(root, 'data');
  const config = join(root, 'rclone.conf');
  writeFileSync(config, '');
  mkdirSync(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const username = 'latchkey';
  const password = `dav-${crypto.randomUUID()}`;
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    if (child && child.exitCode === null) return;
    child = spawn(RCLONE, ['serve', 'webdav', dataDir, '--addr', `127.0.0.1:${port}`, '--user', username, '--pass', password, '--config', config, '--log-level', 'ERROR', '--dir-cache-time', '0s'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const answer = await fetch(url, { method: 'PROPFIND', headers: { Depth: '0' } });
        if (answer.status === 401) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`rclone serve webdav did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function stop(): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  }

  await start();
  return {
    url,
    dataDir,
    username,
    password,
    start,
    stop,
    async put(name, bytes) {
      const answer = await fetch(new URL(name, url), { method: 'PUT', body: typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>), headers: { Authorization: `Basic ${btoa(`${username}:${password}`)}` } });
      if (!answer.ok) throw new Error(`PUT ${name}: ${answer.status}`);
    },
    clear() {
      for (const name of readdirSync(dataDir)) rmSync(join(dataDir, name), { recursive: true, force: true });
    },
    async dispose() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
