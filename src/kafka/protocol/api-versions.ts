/** ApiVersions v2: which versions of each API the broker speaks (surge needs Produce 7, Metadata 7, InitProducerId 1). */
import { Reader } from "./reader.ts";

export const API_VERSIONS_API_KEY = 18;
export const API_VERSIONS_VERSION = 2;

export interface ApiVersionsAnswer {
  errorCode: number;
  apis: Map<number, { min: number; max: number }>;
}

/** The request has no body in v0-v2. */
export function encodeApiVersions(): Buffer {
  return Buffer.alloc(0);
}

export function decodeApiVersionsResponse(body: Buffer): ApiVersionsAnswer {
  const r = new Reader(body);
  const errorCode = r.int16();
  const apis = new Map<number, { min: number; max: number }>();
  r.array((a) => apis.set(a.int16(), { min: a.int16(), max: a.int16() }));
  return { errorCode, apis };
}

/** Why the broker cannot serve `need` (api key → version), or undefined when it can. */
export function unsupported(
  answer: ApiVersionsAnswer,
  need: ReadonlyMap<number, number>,
  names: ReadonlyMap<number, string>,
): string | undefined {
  for (const [key, version] of need) {
    const range = answer.apis.get(key);
    if (!range || version < range.min || version > range.max) {
      const has = range ? `${range.min}-${range.max}` : "none";
      return `the broker does not speak ${names.get(key) ?? `API ${key}`} v${version} (it speaks ${has}); surge needs Kafka 2.1 or newer`;
    }
  }
  return undefined;
}
