// Reading fields out of untrusted JSON with messages that say where the file is wrong.
import { corrupt } from './errors';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, where: string): JsonObject {
  if (!isObject(value)) corrupt(`${where} is not a JSON object.`);
  return value;
}

/** An optional object: null or absent gives null. */
export function optionalObject(parent: JsonObject, key: string, where: string): JsonObject | null {
  const value = parent[key];
  if (value === null || value === undefined) return null;
  if (!isObject(value)) corrupt(`${where}: "${key}" is not a JSON object.`);
  return value;
}

/** An optional list: null or absent gives []. */
export function listAt(parent: JsonObject, key: string, where: string): unknown[] {
  const value = parent[key];
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) corrupt(`${where}: "${key}" is not a list.`);
  return value;
}

/** An optional text: null or absent gives ''; numbers are accepted as their decimal text. */
export function textAt(parent: JsonObject, key: string, where: string): string {
  const value = parent[key];
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return corrupt(`${where}: "${key}" is not text.`);
}

export function booleanAt(parent: JsonObject, key: string, where: string): boolean {
  const value = parent[key];
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return corrupt(`${where}: "${key}" is not true or false.`);
}

/**
 * A value from a file, as a message may quote it: short text and numbers as JSON, anything
 * else by its kind. Never JSON.stringify a file's value whole: a list nested a million deep
 * overflows the stack, and a long string makes a message nobody can read.
 */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 37))}...` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** How deeply lists and objects nest in parsed JSON (counted without recursion, so any depth is safe to ask about). */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return deepest;
}

export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    // Only the position from JSON.parse's message: the rest quotes the file, which may hold a secret.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    return corrupt(`${what} is not valid JSON${position ? ` (the error is at character ${position})` : ''}. The file may be truncated or damaged.`);
  }
}
