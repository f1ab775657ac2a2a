// Prints the id of a partition's leader (scripts/kafka/leader.sh passes the bootstrap list).
//   node scripts/kafka/leader.mjs BOOTSTRAP TOPIC PARTITION
import kafkajs from "kafkajs";

const [bootstrap, topic, partitionText] = process.argv.slice(2);
const partition = Number(partitionText);
if (!bootstrap || !topic || !Number.isInteger(partition) || partition < 0) {
  console.error("[kafka] usage: kafka:leader -- TOPIC PARTITION");
  process.exit(2);
}
const kafka = new kafkajs.Kafka({
  brokers: bootstrap.split(","),
  clientId: "surge-leader",
  logLevel: kafkajs.logLevel.NOTHING,
  connectionTimeout: 2000,
  requestTimeout: 5000,
  retry: { retries: 3 },
});
const admin = kafka.admin();
try {
  await admin.connect();
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const found = topics[0]?.partitions.find((p) => p.partitionId === partition);
  if (!found) throw new Error(`topic ${topic} has no partition ${partition}`);
  console.log(found.leader);
} catch (error) {
  console.error(`[kafka] error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await admin.disconnect().catch(() => undefined);
}
