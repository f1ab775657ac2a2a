/** Kafka's topic name rules (see Kafka's Topic.validate): legal characters, length, no "." / "..". */

export const MAX_TOPIC_LENGTH = 249;
export const TOPIC_HINT = `must be a topic name (letters, digits, . _ -, at most ${MAX_TOPIC_LENGTH} characters)`;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Undefined when the name is legal, else the "must be ..." problem. */
export function topicNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_TOPIC_LENGTH || !LEGAL.test(name)) {
    return TOPIC_HINT;
  }
  if (name === "." || name === "..") return 'must be a topic name other than "." or ".."';
  return undefined;
}

/** A prefix is legal when it only adds legal characters (the full name is checked separately). */
export function topicPrefixProblem(prefix: string): string | undefined {
  return prefix === "" || LEGAL.test(prefix)
    ? undefined
    : "must use only letters, digits, . _ - (it becomes part of topic names)";
}
