/** The summary JSON's per-topic format, subject and schema id (topics are in scenario order). */
import type { TopicFormatInfo } from "./encoder.ts";

export function withFormats(doc: object, formats: readonly TopicFormatInfo[]): object {
  const topics = (doc as { topics?: Record<string, object> }).topics;
  if (!topics) return doc;
  const names = Object.keys(topics);
  const out: Record<string, object> = {};
  names.forEach((name, i) => {
    const f = formats[i];
    out[name] = f
      ? { ...topics[name], format: f.format, ...(f.subject ? { subject: f.subject, schemaId: f.schemaId } : {}) }
      : (topics[name] as object);
  });
  return { ...doc, topics: out };
}
