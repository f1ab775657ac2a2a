# shellcheck shell=bash
# Writes one node's server.properties and log4j2.properties (sourced by up.sh).
# Every node is broker+controller with static voters; client listeners for each security setting:
#   PLAINTEXT  SASL_PLAINTEXT (PLAIN, SCRAM-SHA-256/512)  SSL
#   SASL_SSL (PLAIN, SCRAM)  MTLS (SSL, client certificate required)  OAUTH (SASL_PLAINTEXT,
#   OAUTHBEARER with Kafka's unsecured JWT validator: tests only); the nodes talk to each other on
#   CONTROLLER and REPLICATION (inter-broker) only, so a partition can cut clients or nodes apart.
# Replication follows the node count: RF min(3, N); min.insync.replicas 2 from 3 nodes.

# $1 node id, $2 node count, $3 voters "1@127.0.0.1:C1,...", $4 SASL password.
write_node_config() {
  local n="$1" count="$2" voters="$3" password="$4" dir rf min_isr
  dir="$(node_dir "$n")"
  rf=$((count < 3 ? count : 3))
  min_isr=$((count >= 3 ? 2 : 1))
  local p=() name
  for name in "${LISTENER_ORDER[@]}"; do p+=("$(node_port "$n" "$name")"); done
  local listeners="PLAINTEXT://127.0.0.1:${p[0]},CONTROLLER://127.0.0.1:${p[1]},SASL_PLAINTEXT://127.0.0.1:${p[2]},SSL://127.0.0.1:${p[3]},SASL_SSL://127.0.0.1:${p[4]},MTLS://127.0.0.1:${p[5]},OAUTH://127.0.0.1:${p[6]},REPLICATION://127.0.0.1:${p[7]}"
  local plain="org.apache.kafka.common.security.plain.PlainLoginModule required user_$KAFKA_SASL_USER=\"$password\";"
  local scram="org.apache.kafka.common.security.scram.ScramLoginModule required;"
  cat >"$dir/server.properties" <<PROPS
# written by scripts/kafka/up.sh (node $n of $count)
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=$listeners
advertised.listeners=$listeners
controller.listener.names=CONTROLLER
inter.broker.listener.name=REPLICATION
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,MTLS:SSL,OAUTH:SASL_PLAINTEXT,REPLICATION:PLAINTEXT
log.dirs=$dir/data

# SASL: PLAIN and SCRAM on SASL_PLAINTEXT and SASL_SSL (SCRAM users are added at format time)
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER
listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.plain.sasl.jaas.config=$plain
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=$scram
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$scram
listener.name.sasl_ssl.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_ssl.plain.sasl.jaas.config=$plain
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=$scram
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$scram
# OAUTHBEARER with Kafka's default (unsecured, unsigned JWT) validator: for tests only
listener.name.oauth.sasl.enabled.mechanisms=OAUTHBEARER
listener.name.oauth.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;

# TLS (test CA from scripts/kafka/tls.sh); MTLS requires a client certificate
ssl.keystore.type=PEM
ssl.keystore.location=$KAFKA_TLS_DIR/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_TLS_DIR/ca.pem
listener.name.mtls.ssl.client.auth=required

num.partitions=3
default.replication.factor=$rf
min.insync.replicas=$min_isr
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$min_isr
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$min_isr
group.initial.rebalance.delay.ms=0

# a load generator fills disks: cap each partition at 1 GiB
log.segment.bytes=134217728
log.retention.bytes=1073741824
log.retention.check.interval.ms=60000
PROPS

  # Quiet: warnings to a file, plus the one INFO line that says the server is up.
  cat >"$dir/log4j2.properties" <<LOG
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $dir/logs/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.file.ref = FILE
logger.raft.name = kafka.server.KafkaRaftServer
logger.raft.level = info
LOG
}
