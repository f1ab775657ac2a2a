/**
 * Text that came from a user (stdin lines, flags, file contents) made safe to print: control
 * characters (C0, DEL, C1) and bidirectional overrides become visible escapes, so nothing echoed
 * can move the cursor, recolour or retitle the terminal, or reorder what is shown.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** True when `text` holds anything terminalSafe would escape. */
export function hasControlCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
