// Makes sure the servers the sync tests run against are installed: Debian's rclone (its
// `serve webdav` is the WebDAV server, started privately per test file on 127.0.0.1) and,
// when it installs, keepassxc (its keepassxc-cli edits the synced file as KeePassXC would).
// Installs them when this machine allows (root with apt-get); rclone is required, like the
// browsers; without keepassxc-cli the one test that needs it says so and is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SERVERS = [
  { name: 'rclone', path: process.env.LATCHKEY_RCLONE ?? '/usr/bin/rclone', pkg: 'rclone', required: true },
  { name: 'keepassxc-cli', path: process.env.LATCHKEY_KEEPASSXC_CLI ?? '/usr/bin/keepassxc-cli', pkg: 'keepassxc', required: false },
];

export function ensureServers() {
  const missing = SERVERS.filter((server) => !existsSync(server.path));
  if (missing.length === 0) return;
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canInstall) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    console.log(`Installing ${missing.map((s) => s.pkg).join(' ')} with apt-get…`);
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    for (const server of missing) {
      if (update.status !== 0 && !server.required) continue;
      try {
        execFileSync('apt-get', ['install', '-y', '-qq', server.pkg], { stdio: 'inherit', env });
      } catch {
        if (server.required) break;
      }
    }
  }
  const still = SERVERS.filter((server) => !existsSync(server.path));
  const required = still.filter((server) => server.required);
  if (required.length > 0) {
    console.error(
      `Missing ${required.map((s) => `${s.name} (${s.path})`).join(', ')}, which the sync tests run against.\n` +
        `Install with: sudo apt-get install -y ${required.map((s) => s.pkg).join(' ')}`,
    );
    process.exit(1);
  }
  for (const server of still) console.warn(`${server.name} is not installed: the sync test that uses it will be skipped.`);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureServers();
