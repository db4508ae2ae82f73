// Runs inside each corpus page (bundled by detection.bench.ts): what the
// product's own detection would offer on every <input>, in document order.
// It sees the page only after the benchmark removed the labels.
import { formContextOf } from '../../src/content/detection/form-context';
import { menuKindFor } from '../../src/content/detection/menu-kind';
import { isFillable } from '../../src/content/detection/visibility';

export type Verdict = 'hidden' | 'login' | 'generator' | 'code' | 'nothing';

function verdictOf(input: HTMLInputElement): Verdict {
  if (!isFillable(input)) return 'hidden';
  switch (menuKindFor(input)) {
    case 'username':
    case 'password':
      return 'login';
    case 'new-password':
      return 'generator';
    case 'one-time-code':
      return 'code';
    default:
      return 'nothing';
  }
}

(globalThis as { latchkeyVerdicts?: () => Verdict[] }).latchkeyVerdicts = () =>
  Array.from(document.getElementsByTagName('input'), (input) => {
    try {
      return verdictOf(input);
    } catch {
      return 'nothing';
    }
  });

/** For a person tuning on the tuning split: why input `index` got its verdict. */
(globalThis as { latchkeyExplain?: (index: number) => unknown }).latchkeyExplain = (index) => {
  const input = document.getElementsByTagName('input')[index]!;
  const context = formContextOf(input);
  return {
    kind: context.kind,
    roles: context.fields.map((field) => `${field.input.name || field.input.id}:${field.role}`),
    evidence: context.evidence,
    scope: context.scope.tagName + '#' + context.scope.id,
  };
};
