/** Run ids sort by start time and are short enough for a header on every record. */
export function newRunId(nowMs: number, random: () => number): string {
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const tail = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0");
  return `${stamp}-${tail}`;
}
