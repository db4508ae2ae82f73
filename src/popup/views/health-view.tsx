// Vault health: weak, reused and old passwords. Weakness is judged here with
// zxcvbn, loaded only when this view opens; nothing leaves the machine.
import { useEffect, useState } from 'preact/hooks';
import { estimateStrength } from '../../generator/strength';
import type { VaultHealthReport } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';

interface Weak {
  id: string;
  name: string;
  username: string;
  warning: string;
}

export function HealthView({ onBack, onOpen }: { onBack: () => void; onOpen: (id: string) => void }) {
  const [report, setReport] = useState<VaultHealthReport | null>(null);
  const [weak, setWeak] = useState<Weak[] | null>(null);

  useEffect(() => {
    void (async () => {
      const health = await sendRequest('vault.health', {});
      setReport(health);
      const found: Weak[] = [];
      for (const login of health.toCheck) {
        const strength = await estimateStrength(login.password, [login.username, login.name]);
        if (strength.score <= 2) found.push({ id: login.id, name: login.name, username: login.username, warning: strength.warning });
      }
      setWeak(found);
    })();
  }, []);

  const row = (entry: { id: string; name: string; username: string }, detail: string) => (
    <li key={entry.id}>
      <button type="button" class="item" onClick={() => onOpen(entry.id)}>
        <span class="item-name">{entry.name}</span>
        <span class="item-sub">{[entry.username, detail].filter(Boolean).join(' · ')}</span>
      </button>
    </li>
  );

  return (
    <div class="screen">
      <header class="toolbar">
        <button type="button" onClick={onBack}>Back</button>
        <h1>Vault health</h1>
      </header>
      {!report ? (
        <p class="loading">Checking…</p>
      ) : (
        <>
          <h2>Weak passwords ({weak === null ? '…' : weak.length})</h2>
          <ul class="plain" aria-label="Weak passwords">{(weak ?? []).map((entry) => row(entry, entry.warning || 'easy to guess'))}</ul>
          <h2>Reused passwords ({report.reused.length})</h2>
          <ul class="plain" aria-label="Reused passwords">{report.reused.map((entry) => row(entry, `same password as ${entry.sharedWith} other login${entry.sharedWith > 1 ? 's' : ''}`))}</ul>
          <h2>Old passwords ({report.old.length})</h2>
          <ul class="plain" aria-label="Old passwords">{report.old.map((entry) => row(entry, `unchanged for ${entry.ageDays} days`))}</ul>
        </>
      )}
    </div>
  );
}
