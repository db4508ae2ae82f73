// Every console message the browser printed during a session (pages, their
// frames, and in Chromium the service worker), so that the suite can show no
// secret of the test ever reached a log, in any of the encodings code might use.
export class ConsoleWatch {
  private readonly lines: string[] = [];
  private readonly secrets = new Set<string>();

  record(text: string): void {
    this.lines.push(text);
  }

  /** A value the test put into the vault (or typed as the master password). */
  noteSecret(secret: string): void {
    if (secret.length >= 6) this.secrets.add(secret);
  }

  get count(): number {
    return this.lines.length;
  }

  /** The secrets that appear in any console message, in any encoding. */
  leaks(): string[] {
    const text = this.lines.join('\n');
    return [...this.secrets].filter((secret) => encodingsOf(secret).some((encoded) => text.includes(encoded)));
  }
}

export function encodingsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
  ];
}
