/** `text` with the characters that have a meaning in a RegExp escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A RegExp that matches `text` literally, anywhere. */
export function containing(text: string): RegExp {
  return new RegExp(escapeRegExp(text));
}
