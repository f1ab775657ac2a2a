/** The producer guarantees of the matrix and the flags that ask for them. */
export interface Mode {
  name: "acks 1" | "acks all" | "idempotent";
  flags: string[];
  /** Acked records may never go missing. */
  noAckedLoss: boolean;
  /** No duplicates and no reordering. */
  exactlyOnceInOrder: boolean;
}

export const MODES: readonly Mode[] = [
  { name: "acks 1", flags: ["--acks", "1"], noAckedLoss: false, exactlyOnceInOrder: false },
  { name: "acks all", flags: ["--acks", "all"], noAckedLoss: true, exactlyOnceInOrder: false },
  { name: "idempotent", flags: ["--idempotent"], noAckedLoss: true, exactlyOnceInOrder: true },
];
