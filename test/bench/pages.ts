// Synthetic pages for the content-script benchmarks, served from memory.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An article-like page with about `nodes` elements and no form fields. */
export function largePage(nodes: number, withLogin = false): string {
  const sections: string[] = [];
  const perSection = 10; // section + h2 + 4×(p + span)
  for (let i = 0; i < nodes / perSection; i++) {
    sections.push(
      `<section><h2>Section ${i}</h2>${[0, 1, 2, 3]
        .map((j) => `<p>Paragraph ${i}.${j} with <span>some emphasis</span></p>`)
        .join('')}</section>`,
    );
  }
  const login = withLogin
    ? '<form id="login"><label>Email <input id="email" type="email" autocomplete="username"></label><label>Password <input id="password" type="password" autocomplete="current-password"></label><button>Sign in</button></form>'
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Large page</title></head><body>${login}<main>${sections.join('')}</main></body></html>`;
}

export async function servePages(pages: Record<string, string>): Promise<{ url: (path: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const body = pages[request.url ?? ''];
    response.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
