// A small WebDAV client for one file: read it with its ETag, and replace it safely.
// Replacing: the new bytes go to a temporary name in the same folder, then a MOVE puts them
// in place. The MOVE carries the ETag the merge started from (an `If` header tagged with the
// target, RFC 4918 10.4), so a file another device wrote meanwhile is not replaced: the caller
// merges again. Servers that refuse every conditional MOVE (rclone's answers 412 to any) get
// the same check as a separate request just before a plain MOVE. A new file is moved with
// `Overwrite: F`, so two first syncs cannot both create it.
// Every request has a timeout; retries with backoff are the sync service's (it knows what is safe to repeat).

export type WebDavErrorKind = 'offline' | 'timeout' | 'auth' | 'forbidden' | 'server' | 'conflict' | 'bad-url' | 'protocol' | 'too-large';

export class WebDavError extends Error {
  constructor(
    readonly kind: WebDavErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebDavError';
  }

  /** Worth trying again later by itself (not the person's settings). */
  get transient(): boolean {
    return this.kind === 'offline' || this.kind === 'timeout' || this.kind === 'server';
  }
}

export interface WebDavOptions {
  /** The file's URL (resolved from the folder URL the person typed). */
  fileUrl: string;
  username: string;
  password: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface RemoteFile {
  bytes: Uint8Array;
  etag: string | null;
}

/** The file a "WebDAV URL" means: a folder holds latchkey.kdbx; a URL ending in .kdbx is the file. */
export function resolveFileUrl(input: string, fileName = 'latchkey.kdbx'): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new WebDavError('bad-url', 'The WebDAV URL is not a valid address (it starts with https://).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebDavError('bad-url', 'The WebDAV URL must start with https:// (or http:// for this computer).');
  if (url.username !== '' || url.password !== '') throw new WebDavError('bad-url', 'Put the WebDAV username and password in their own fields, not in the URL.');
  url.hash = '';
  url.search = '';
  if (/\.kdbx$/i.test(url.pathname)) return url;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL(fileName, url);
}

/** http:// is fine for this computer only; elsewhere the password would cross the network readable. */
export function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}

function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

export class WebDavClient {
  private readonly file: URL;
  private readonly timeoutMs: number;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: WebDavOptions) {
    this.file = new URL(options.fileUrl);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get url(): string {
    return this.file.href;
  }

  private async request(method: string, url: URL, headers: Record<string, string> = {}, body?: Uint8Array): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await this.fetcher(url.href, {
        method,
        headers: { Authorization: basicAuth(this.options.username, this.options.password), ...headers },
        ...(body ? { body: body as BufferSource } : {}),
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch (error) {
      if (controller.signal.aborted) throw new WebDavError('timeout', `The WebDAV server did not answer within ${Math.round(this.timeoutMs / 1000)} s.`);
      throw new WebDavError('offline', `The WebDAV server could not be reached (${error instanceof Error ? error.message : 'network error'}). Check the URL and your connection.`);
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(response: Response, what: string): never {
    const status = response.status;
    if (status === 401) throw new WebDavError('auth', 'The WebDAV server refused the username or password (401).', status);
    if (status === 403) throw new WebDavError('forbidden', `The WebDAV server does not allow ${what} (403). Check the account's rights on that folder.`, status);
    if (status === 404 || status === 409) throw new WebDavError('bad-url', `The WebDAV folder does not exist (${status}). Create it on the server, or check the URL.`, status);
    if (status === 507) throw new WebDavError('server', 'The WebDAV server is out of space (507).', status);
    if (status >= 500) throw new WebDavError('server', `The WebDAV server failed (${status}). Latchkey will try again.`, status);
    throw new WebDavError('protocol', `The WebDAV server answered ${status} to ${what}.`, status);
  }

  /** The file and its ETag, or null when there is none yet (404). */
  async get(): Promise<RemoteFile | null> {
    const response = await this.request('GET', this.file);
    if (response.status === 404) return null;
    if (!response.ok) this.fail(response, 'reading the file');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch {
      throw new WebDavError('offline', 'The connection to the WebDAV server broke while downloading the file.');
    }
    return { bytes, etag: response.headers.get('ETag') };
  }

  /** The file's current ETag (PROPFIND, depth 0), or null when it does not exist. */
  async etag(): Promise<string | null> {
    const response = await this.request('PROPFIND', this.file, { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' }, new TextEncoder().encode(
      '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
    ));
    if (response.status === 404) return null;
    if (response.status !== 207 && !response.ok) this.fail(response, 'reading the file’s properties');
    const text = await response.text();
    const match = /<(?:[A-Za-z0-9_-]+:)?getetag[^>]*>\s*([^<]*?)\s*<\//i.exec(text);
    return match ? match[1]!.replace(/&quot;/g, '"') : (response.headers.get('ETag') ?? '');
  }

  /**
   * Puts `bytes` in place of the version with ETag `expected` (null: there must be no file yet).
   * Throws a 'conflict' WebDavError when the file changed meanwhile; the server file is then as the other writer left it.
   */
  async replace(bytes: Uint8Array, expected: string | null): Promise<void> {
    const temp = new URL(`.latchkey-upload-${crypto.randomUUID()}.tmp`, this.file);
    const put = await this.request('PUT', temp, { 'Content-Type': 'application/octet-stream' }, bytes);
    if (!put.ok) this.fail(put, 'writing files');
    try {
      await this.moveInPlace(temp, expected);
    } catch (error) {
      await this.request('DELETE', temp).catch(() => undefined);
      throw error;
    }
  }

  private async moveInPlace(temp: URL, expected: string | null): Promise<void> {
    const conflict = () => new WebDavError('conflict', 'Another device changed the file on the server at the same time.');
    const move = (extra: Record<string, string>) => this.request('MOVE', temp, { Destination: this.file.href, ...extra });
    if (expected === null) {
      const created = await move({ Overwrite: 'F' });
      if (created.status === 412) throw conflict();
      if (!created.ok) this.fail(created, 'renaming files');
      return;
    }
    const conditional = await move({ Overwrite: 'T', If: `<${this.file.href}> ([${expected}])` });
    if (conditional.ok) return;
    if (conditional.status !== 412) this.fail(conditional, 'renaming files');
    // 412: the file changed, or the server refuses conditions on MOVE. Ask, then move plainly if unchanged.
    if ((await this.etag()) !== expected) throw conflict();
    const plain = await move({ Overwrite: 'T' });
    if (!plain.ok) this.fail(plain, 'renaming files');
  }
}
