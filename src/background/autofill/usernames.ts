// Usernames compare as people type them: case and surrounding spaces do not matter.
export const sameUsername = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
