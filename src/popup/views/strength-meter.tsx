// How hard a typed password is to guess, by zxcvbn (loaded on first use), once
// the person pauses typing.
import { useEffect, useState } from 'preact/hooks';
import { estimateStrength, type Strength } from '../../generator/strength';

const WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];
const DEBOUNCE_MS = 200;

export function StrengthMeter({ password, hints = [] }: { password: string; hints?: string[] }) {
  const [strength, setStrength] = useState<Strength | null>(null);
  useEffect(() => {
    if (!password) return setStrength(null);
    const timer = setTimeout(() => void estimateStrength(password, hints).then(setStrength), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a typed password re-estimates; `hints = []` is a new array each render
  }, [password]);
  if (!strength) return null;
  return (
    <p class={`strength score-${strength.score}`}>
      <meter min={0} max={4} value={strength.score} aria-label="Password strength" /> {WORDS[strength.score]}
      {strength.warning && <span> — {strength.warning}</span>}
    </p>
  );
}
