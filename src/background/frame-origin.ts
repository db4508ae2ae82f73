// The origin of a frame or tab URL the browser reported, or null for none or a malformed one.
export function originOf(url: string | null): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}
