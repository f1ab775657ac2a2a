/**
 * --follow-brokers: the pipeline's OUT topics live on another cluster (MirrorMaker 2's target), so
 * two readers run side by side, one per cluster, each given only its own topics.
 */
export interface Reader {
  problem: string;
  start(topics: readonly string[], mustExist: readonly string[]): Promise<void>;
  caughtUp(topics: readonly string[]): Promise<boolean>;
  stop(): Promise<void>;
}

export class TwoClusterReader implements Reader {
  constructor(
    /** Reads surge's own topics (--brokers). */
    private readonly home: Reader,
    /** Reads the followed outputs (--follow-brokers). */
    private readonly away: Reader,
    private readonly awayTopics: ReadonlySet<string>,
  ) {}

  get problem(): string {
    return this.home.problem || (this.away.problem ? `${this.away.problem} (--follow-brokers)` : "");
  }

  async start(topics: readonly string[], mustExist: readonly string[]): Promise<void> {
    const [home, away] = this.split(topics);
    await Promise.all([this.home.start(home, []), this.away.start(away, mustExist)]);
  }

  async caughtUp(topics: readonly string[]): Promise<boolean> {
    const [home, away] = this.split(topics);
    const done = await Promise.all([
      home.length ? this.home.caughtUp(home) : true,
      away.length ? this.away.caughtUp(away) : true,
    ]);
    return done.every(Boolean);
  }

  async stop(): Promise<void> {
    await Promise.all([this.home.stop(), this.away.stop()]);
  }

  private split(topics: readonly string[]): [string[], string[]] {
    return [topics.filter((t) => !this.awayTopics.has(t)), topics.filter((t) => this.awayTopics.has(t))];
  }
}
