// A small runtime schema checker for messages crossing a trust boundary.
// Each schema both checks an unknown value and carries its static type, so the
// protocol is written once and the router and the handlers agree on it.

export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'value'}: expected ${expected}`);
    this.name = 'ValidationError';
  }
}

export interface Schema<T> {
  readonly describe: string;
  parse(value: unknown, path?: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function schema<T>(describe: string, parse: (value: unknown, path: string) => T): Schema<T> {
  return { describe, parse: (value, path = '') => parse(value, path) };
}

export function string(limits: { min?: number; max?: number } = {}): Schema<string> {
  const min = limits.min ?? 0;
  const max = limits.max ?? 65_536;
  const describe = `a string of ${min} to ${max} characters`;
  return schema(describe, (value, path) => {
    if (typeof value !== 'string' || value.length < min || value.length > max) {
      throw new ValidationError(path, describe);
    }
    return value;
  });
}

export function integer(limits: { min?: number; max?: number } = {}): Schema<number> {
  const min = limits.min ?? Number.MIN_SAFE_INTEGER;
  const max = limits.max ?? Number.MAX_SAFE_INTEGER;
  const describe = `an integer from ${min} to ${max}`;
  return schema(describe, (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ValidationError(path, describe);
    }
    return value;
  });
}

export const boolean: Schema<boolean> = schema('a boolean', (value, path) => {
  if (typeof value !== 'boolean') throw new ValidationError(path, 'a boolean');
  return value;
});

export function literal<const L extends string>(...options: L[]): Schema<L> {
  const describe = `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
  return schema(describe, (value, path) => {
    if (typeof value !== 'string' || !(options as string[]).includes(value)) {
      throw new ValidationError(path, describe);
    }
    return value as L;
  });
}

export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return schema(`${inner.describe} or nothing`, (value, path) =>
    value === undefined ? undefined : inner.parse(value, path),
  );
}

export function array<T>(item: Schema<T>, limits: { max?: number } = {}): Schema<T[]> {
  const max = limits.max ?? 100_000;
  const describe = `a list of at most ${max} of ${item.describe}`;
  return schema(describe, (value, path) => {
    if (!Array.isArray(value) || value.length > max) throw new ValidationError(path, describe);
    return value.map((entry, index) => item.parse(entry, `${path}[${index}]`));
  });
}

/** Any JSON-like value; the handler that receives it validates it further. */
export const unknownValue: Schema<unknown> = schema('any value', (value) => value);

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S]: Infer<S[K]> };

/** An object with exactly these keys: unknown keys are refused, not ignored. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  const keys = Object.keys(shape);
  const describe = `an object with keys ${keys.join(', ') || '(none)'}`;
  return schema(describe, (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ValidationError(path, describe);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in shape)) throw new ValidationError(path ? `${path}.${key}` : key, 'no such key');
    }
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const parsed = shape[key]!.parse(record[key], path ? `${path}.${key}` : key);
      if (parsed !== undefined) result[key] = parsed;
    }
    return result as ObjectOf<S>;
  });
}
