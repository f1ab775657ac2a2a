/**
 * The second reader: Confluent's own JavaScript deserializers (@confluentinc/schemaregistry, a dev
 * dependency only) against the same registry, reading surge's records from the real broker.
 */
import {
  AvroDeserializer,
  JsonDeserializer,
  ProtobufDeserializer,
  SchemaId,
  SchemaRegistryClient,
  SerdeType,
} from "@confluentinc/schemaregistry";
import kafkajs from "kafkajs";
import type { ReadRecord } from "./field-compare.ts";

process.env["KAFKAJS_NO_PARTITIONER_WARNING"] = "1";

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function deserializer(format: string, client: SchemaRegistryClient) {
  if (format === "avro") return new AvroDeserializer(client, SerdeType.VALUE, {});
  if (format === "protobuf") return new ProtobufDeserializer(client, SerdeType.VALUE, {});
  // The library's Ajv knows no formats and refuses one it does not know ("unknown format
  // "date-time" ignored in schema"); surge's schemas use only date-time, checked as RFC 3339 here.
  return new JsonDeserializer(client, SerdeType.VALUE, { validate: true, formats: { "date-time": RFC3339 } });
}

/** `count` records of `topic`, each decoded by Confluent's deserializer for `format` (or refused). */
export function confluentRead(
  brokers: string,
  topic: string,
  format: string,
  ccompatUrl: string,
  count: number,
): Promise<ReadRecord[]> {
  const de = deserializer(format, new SchemaRegistryClient({ baseURLs: [ccompatUrl] }));
  return decodeEach(brokers, topic, count, (bytes) => de.deserialize(topic, bytes));
}

/** The schema id and Protobuf message indexes the library's own parser reads from each record. */
export function confluentHeaders(brokers: string, topic: string, count: number): Promise<ReadRecord[]> {
  return decodeEach(brokers, topic, count, (bytes) => {
    const id = new SchemaId("PROTOBUF");
    const body = id.fromBytes(bytes);
    return Promise.resolve({ id: id.id, indexes: id.messageIndexes, body });
  });
}

/** `count` records of `topic` from the real broker, each through `decode` (a throw = refused). */
async function decodeEach(
  brokers: string,
  topic: string,
  count: number,
  decode: (bytes: Buffer) => Promise<unknown>,
  timeoutMs = 60_000,
): Promise<ReadRecord[]> {
  const kafka = new kafkajs.Kafka({ brokers: [brokers], clientId: "surge-test-confluent", logLevel: 0 });
  const consumer = kafka.consumer({ groupId: `surge-test-confluent-${topic}-${Date.now()}` });
  const read: ReadRecord[] = [];
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (read.length >= count) return;
      const r: ReadRecord = { partition, offset: Number(message.offset) };
      const anomaly = message.headers?.["surge-anomaly"];
      if (anomaly !== undefined) r.anomaly = String(anomaly);
      try {
        // JSON round trip: the same plain shape the Java reader prints (no class instances).
        r.value = JSON.parse(JSON.stringify(await decode(message.value ?? Buffer.alloc(0)))) as Record<string, unknown>;
      } catch (e) {
        r.rejected = { error: (e as Error).message };
      }
      read.push(r);
      if (read.length === count) finish();
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out reading ${topic}: ${read.length} of ${count}`)), timeoutMs);
  });
  try {
    await Promise.race([finished, timeout]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return read;
}
