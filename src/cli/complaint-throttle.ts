/**
 * At most a few complaints a second about bad stdin lines: garbage piped in by mistake must not
 * bury the run's own output. What is held back is counted and said once the next one may pass.
 */
export class ComplaintThrottle {
  private windowStartMs = -Infinity;
  private inWindow = 0;
  private heldBack = 0;

  constructor(
    private readonly print: (line: string) => void,
    private readonly perSecond = 5,
    private readonly now: () => number = () => performance.now(),
  ) {}

  complain(line: string): void {
    const t = this.now();
    if (t - this.windowStartMs >= 1000) {
      this.windowStartMs = t;
      this.inWindow = 0;
      if (this.heldBack > 0) this.print(`surge: ${this.heldBack} more bad control lines ignored`);
      this.heldBack = 0;
    }
    if (this.inWindow >= this.perSecond) {
      this.heldBack++;
      return;
    }
    this.inWindow++;
    this.print(line);
  }

  /** Says what is still held back (at the end of the run). */
  flush(): void {
    if (this.heldBack > 0) this.print(`surge: ${this.heldBack} more bad control lines ignored`);
    this.heldBack = 0;
  }
}
