// A live one-time code (RFC 6238) with its countdown, refreshed every second.
import { useEffect, useState } from 'preact/hooks';
import { parseTotp, secondsRemaining, totpCode } from '../../vault/totp';
import { copySecret } from '../clipboard';

export function TotpCode({ secret }: { secret: string }) {
  const [code, setCode] = useState<string | null>(null);
  const [remaining, setRemaining] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let params: ReturnType<typeof parseTotp>;
    try {
      params = parseTotp(secret);
    } catch (failure) {
      setError((failure as Error).message);
      return;
    }
    const tick = async () => {
      const now = Date.now();
      setCode(await totpCode(params, now));
      setRemaining(secondsRemaining(params.period, now));
    };
    void tick();
    const timer = setInterval(() => void tick(), 1000);
    return () => clearInterval(timer);
  }, [secret]);

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!code) return null;
  return (
    <div class="totp">
      <span class="totp-code" aria-label="One-time code">{code.replace(/^(\d{3,4})(\d{3,4})$/, '$1 $2')}</span>
      <span class="hint" aria-live="off">{remaining} s</span>
      <button type="button" onClick={() => void copySecret(code)}>Copy code</button>
    </div>
  );
}
