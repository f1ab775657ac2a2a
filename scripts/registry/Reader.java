// Reads records back with Apicurio's own Kafka deserializers in Confluent mode (magic byte, 4-byte
// id) and prints each as one JSON line: {"partition","offset","value"} or {..., "rejected"}.
// Protobuf: Apicurio 2.4.2's ProtobufKafkaDeserializer reads its own length-delimited type ref
// after the id, not Confluent's message-index list (the 0x00 for message [0] is taken as an empty
// ref and the descriptor comes out null), so Protobuf records are read here the Confluent way:
// indexes → the message of the schema fetched by id, parsed with Apicurio's ProtobufSchemaParser,
// decoded with protobuf-java's DynamicMessage.
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
    Deserializer<?> values;
    switch (format) {
      case "avro": values = new io.apicurio.registry.serde.avro.AvroKafkaDeserializer<Object>(); break;
      case "protobuf": values = new ConfluentProtobuf(registry.replace("/apis/registry/v2", "/apis/ccompat/v7")); break;
      default:
        values = new io.apicurio.registry.serde.jsonschema.JsonSchemaKafkaDeserializer<Object>();
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
          org.apache.kafka.common.header.Header mark = r.headers().lastHeader("surge-anomaly");
          String anomaly = mark == null ? "" : ",\"anomaly\":\"" + new String(mark.value(), java.nio.charset.StandardCharsets.UTF_8) + "\"";
          try {
            Object v = values.deserialize(topic, r.value());
            json = render(v);
          } catch (Exception e) {
            String m = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "'").replace("\n", " ");
            json = "{\"error\":\"" + e.getClass().getSimpleName() + ": " + (m.length() > 200 ? m.substring(0, 200) : m) + "\"}";
            System.out.println("{\"partition\":" + r.partition() + ",\"offset\":" + r.offset() + anomaly + ",\"rejected\":" + json + "}");
            seen++;
            continue;
          }
          System.out.println("{\"partition\":" + r.partition() + ",\"offset\":" + r.offset() + anomaly + ",\"value\":" + json + "}");
          seen++;
        }
      }
    }
  }

  /** Confluent-format Protobuf: magic, id, zigzag index list, message; schema by id from ccompat. */
  static class ConfluentProtobuf implements Deserializer<Object> {
    final String ccompat;
    final Map<Integer, com.google.protobuf.Descriptors.FileDescriptor> files = new HashMap<>();
    ConfluentProtobuf(String ccompat) { this.ccompat = ccompat; }

    public Object deserialize(String topic, byte[] data) {
      try {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data);
        if (b.get() != 0) throw new IllegalArgumentException("unknown magic byte");
        int id = b.getInt();
        int count = zigzag(b);
        List<Integer> indexes = new ArrayList<>();
        if (count == 0) indexes.add(0);
        for (int i = 0; i < count; i++) indexes.add(zigzag(b));
        com.google.protobuf.Descriptors.FileDescriptor file = files.get(id);
        if (file == null) {
          java.net.http.HttpResponse<String> res = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(ccompat + "/schemas/ids/" + id)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
          if (res.statusCode() != 200) throw new IllegalArgumentException("no schema with id " + id);
          String text = new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body()).get("schema").asText();
          file = new io.apicurio.registry.serde.protobuf.ProtobufSchemaParser<com.google.protobuf.Message>()
            .parseSchema(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of()).getFileDescriptor();
          files.put(id, file);
        }
        com.google.protobuf.Descriptors.Descriptor d = file.getMessageTypes().get(indexes.get(0));
        for (int i = 1; i < indexes.size(); i++) d = d.getNestedTypes().get(indexes.get(i));
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        return com.google.protobuf.DynamicMessage.parseFrom(d, rest);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new RuntimeException(e.getMessage(), e);
      }
    }

    static int zigzag(java.nio.ByteBuffer b) {
      int z = 0, shift = 0;
      for (;;) {
        int x = b.get() & 0xff;
        z |= (x & 0x7f) << shift;
        if (x < 0x80) break;
        shift += 7;
      }
      return (z >>> 1) ^ -(z & 1);
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
