/** Subject name strategies, as Confluent's serializers name them. */
export const SUBJECT_STRATEGIES = ["topic", "record", "topic-record"] as const;
export type SubjectStrategy = (typeof SUBJECT_STRATEGIES)[number];

export function subjectName(strategy: SubjectStrategy, topic: string, recordName: string): string {
  switch (strategy) {
    case "topic":
      return `${topic}-value`;
    case "record":
      return recordName;
    case "topic-record":
      return `${topic}-${recordName}`;
  }
}
