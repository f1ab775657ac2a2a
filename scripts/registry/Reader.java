// Reads records back with Apicurio's own Kafka deserializers in Confluent mode (magic byte, 4-byte
// id, Protobuf message indexes) and prints each as one JSON line: {"partition","offset","value"}.
// Run by test/helpers/java-reader.ts as a single-file program:
//   java -cp <serdes.sh classpath> Reader.java BOOTSTRAP TOPIC avro|protobuf|json-schema REGISTRY_V2_URL COUNT
import java.time.Duration;
import java.util.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.serialization.*;

public class Reader {
  public static void main(String[] a) throws Exception {
    String bootstrap = a[0], topic = a[1], format = a[2], registry = a[3];
    int count = Integer.parseInt(a[4]);
    Map<String, Object> serde = new HashMap<>();
    serde.put("apicurio.registry.url", registry);
    serde.put("apicurio.registry.as-confluent", "true");
    serde.put("apicurio.registry.use-id", "contentId");
    serde.put("apicurio.registry.headers.enabled", "false");
    Deserializer<Object> values;
    switch (format) {
      case "avro": values = new io.apicurio.registry.serde.avro.AvroKafkaDeserializer<>(); break;
      case "protobuf": values = new io.apicurio.registry.serde.protobuf.ProtobufKafkaDeserializer<>(); break;
      default:
        values = new io.apicurio.registry.serde.jsonschema.JsonSchemaKafkaDeserializer<>();
        serde.put("apicurio.registry.serde.validation-enabled", "true");
    }
    values.configure(serde, false);
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "surge-java-reader-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      int seen = 0;
      long deadline = System.currentTimeMillis() + 60_000;
      while (seen < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String json;
          try {
            Object v = values.deserialize(topic, r.value());
            json = render(v);
          } catch (Exception e) {
            String m = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "'").replace("\n", " ");
            json = "{\"error\":\"" + e.getClass().getSimpleName() + ": " + (m.length() > 200 ? m.substring(0, 200) : m) + "\"}";
            System.out.println("{\"partition\":" + r.partition() + ",\"offset\":" + r.offset() + ",\"rejected\":" + json + "}");
            seen++;
            continue;
          }
          System.out.println("{\"partition\":" + r.partition() + ",\"offset\":" + r.offset() + ",\"value\":" + json + "}");
          seen++;
        }
      }
    }
  }

  static String render(Object v) throws Exception {
    if (v instanceof com.google.protobuf.Message) {
      return com.google.protobuf.util.JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace().print((com.google.protobuf.Message) v);
    }
    if (v instanceof org.apache.avro.generic.GenericContainer) return org.apache.avro.generic.GenericData.get().toString(v);
    if (v instanceof com.fasterxml.jackson.databind.JsonNode) return v.toString();
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(v);
  }
}
