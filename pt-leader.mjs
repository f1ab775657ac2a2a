import kafkajs from "kafkajs";
const [brokers, topic] = process.argv.slice(2);
const kafka = new kafkajs.Kafka({ brokers: brokers.split(","), logLevel: 0, connectionTimeout: 2000, requestTimeout: 4000, retry: { retries: 1 } });
const admin = kafka.admin(); await admin.connect();
try { await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true }); } catch {}
const md = await admin.fetchTopicMetadata({ topics: [topic] });
console.log(JSON.stringify(md.topics[0].partitions.map(p => ({ l: p.leader, isr: p.isr }))));
await admin.disconnect();
