// Serves test/fixtures/ over HTTP on 127.0.0.1, and resolves requests for real
// hostnames (login.microsoftonline.com, ...) to test/fixtures/hosts/<hostname>/,
// so browser request routing can answer them without any network.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FIXTURES } from './paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface FixtureResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

const NOT_FOUND: FixtureResponse = { status: 404, contentType: 'text/plain', body: Buffer.from('no such fixture') };

function fromDirectory(base: string, pathname: string): FixtureResponse {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(base, relative);
  if (!file.startsWith(base + sep) && file !== base) return NOT_FOUND;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
  if (!existsSync(file)) return NOT_FOUND;
  return { status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
}

// Hosts (and single files) served from another host's fixtures, where the real
// sites serve the same thing: sovereign clouds, second hostnames, a look-alike.
const ALIASES: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, 'hosts', 'aliases.json'), 'utf8'));

/** The fixture for a URL at a routed hostname, or null when that host has no fixtures. */
export function resolveHostFixture(url: string): FixtureResponse | null {
  const { hostname, pathname } = new URL(url);
  const host = existsSync(join(FIXTURES, 'hosts', hostname)) ? hostname : ALIASES[hostname];
  if (!host) return null;
  const fileAlias = ALIASES[`${host}${pathname}`];
  if (fileAlias) return fromDirectory(join(FIXTURES, 'hosts'), fileAlias);
  return fromDirectory(join(FIXTURES, 'hosts', host), pathname);
}

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const fixture = fromDirectory(join(FIXTURES, 'pages'), pathname);
    response.writeHead(fixture.status, { 'content-type': fixture.contentType, 'cache-control': 'no-store' });
    response.end(fixture.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
