/** Last line of defence for secrets: whatever path a message took, the password is masked. */

const MIN_SECRET_LENGTH = 3; // shorter "secrets" would mangle every message and hide nothing

export function redact(lines: string[], secrets: readonly (string | undefined)[]): string[] {
  const real = secrets.filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH);
  if (real.length === 0) return lines;
  return lines.map((line) => real.reduce((text, secret) => text.split(secret).join("***"), line));
}
