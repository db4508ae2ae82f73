// Strength of a password a person typed, by zxcvbn-ts. Its dictionaries weigh
// over a megabyte, so they are loaded on first use only, never at popup open
// and never in the content script.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export interface Strength {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  warning: string;
  suggestions: string[];
  crackTime: string;
}

let checker: Promise<ZxcvbnFactory> | null = null;

function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
      }),
  );
  return checker;
}

export async function estimateStrength(password: string, userInputs: string[] = []): Promise<Strength> {
  const result = (await loadChecker()).check(password, userInputs);
  return {
    score: result.score,
    warning: result.feedback.warning ?? '',
    suggestions: result.feedback.suggestions,
    crackTime: result.crackTimes.offlineSlowHashingXPerSecond.display,
  };
}

/** The lowest score accepted for a master password: "safely unguessable" in zxcvbn's terms. */
export const MASTER_PASSWORD_MIN_SCORE = 3;
