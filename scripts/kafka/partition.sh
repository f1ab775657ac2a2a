# shellcheck shell=bash
# Network partitions of the local cluster's nodes with nftables (sourced by fault.sh, up.sh and
# down.sh). Each cut node gets a table of its own, named after the state dir and the node, so that
# healing removes exactly the rules it added and nothing else:
#   client   the node's client listeners (PLAINTEXT, SASL_*, SSL, MTLS, OAUTH) drop both ways
#   cluster  the node's requests to the other nodes' CONTROLLER/REPLICATION ports drop, and so do
#            the others' requests to its own (its sockets are told apart by the group id it runs
#            with, node_gid: on 127.0.0.1 an outgoing connection's port says nothing of its owner)
#   both     the two at once
# Packets are dropped, not refused: the peers see silence, as with a cut cable.

# Table names: surge_<8 hex of the state dir's path>_n<node>.
partition_prefix() { printf 'surge_%s_n' "$(printf '%s' "$KAFKA_STATE" | sha256sum | cut -c1-8)"; }
partition_table() { printf '%s%s' "$(partition_prefix)" "$1"; }

# Why partitions cannot be made here, in one line; nothing when they can.
partition_unsupported() {
  if ((EUID != 0)); then echo "network partitions need root (they add nftables rules); run as root, as CI does"; return; fi
  command -v nft >/dev/null || { echo "network partitions need nft (Debian: apt-get install nftables)"; return; }
  nft list tables >/dev/null 2>&1 || echo "nft cannot list tables here (no CAP_NET_ADMIN in this container?)"
}

ports_of() { # $1 node, $2... listener names -> "p1, p2, ..."
  local n="$1" out="" name
  shift
  for name in "$@"; do out+="${out:+, }$(node_port "$n" "$name")"; done
  echo "$out"
}

# $1 node, $2 client|cluster|both. Replaces any cut of that node.
partition_add() {
  local n="$1" kind="$2" table rules="" others="" m pid gid
  table="$(partition_table "$n")"
  if [[ "$kind" == client || "$kind" == both ]]; then
    local client
    client="$(ports_of "$n" "${CLIENT_LISTENERS[@]}")"
    rules+="    tcp dport { $client } drop"$'\n'"    tcp sport { $client } drop"$'\n'
  fi
  if [[ "$kind" == cluster || "$kind" == both ]]; then
    pid="$(node_pid "$n")" gid="$(node_gid "$n")"
    [[ "$(awk '/^Gid:/ {print $5}' "/proc/$pid/status" 2>/dev/null)" == "$gid" ]] ||
      die "node $n does not run with a group of its own (started without root?): restart it as root (kafka:fault -- term $n; kafka:fault -- start $n)"
    for ((m = 1; m <= $(node_count); m++)); do
      ((m == n)) || others+="${others:+, }$(ports_of "$m" "${CLUSTER_LISTENERS[@]}")"
    done
    [[ -n "$others" ]] && rules+="    meta skgid $gid tcp dport { $others } drop"$'\n'
    rules+="    meta skgid != $gid tcp dport { $(ports_of "$n" "${CLUSTER_LISTENERS[@]}") } drop"$'\n'
  fi
  # One transaction: the old table (if any) goes and the new one comes at once.
  nft -f - <<NFT || die "nft refused the rules of the partition of node $n"
table ip $table
delete table ip $table
table ip $table {
  chain output {
    type filter hook output priority -10; policy accept;
$rules  }
}
NFT
}

# $1 node. Returns 1 when that node was not cut.
partition_heal() {
  nft list table ip "$(partition_table "$1")" >/dev/null 2>&1 || return 1
  nft delete table ip "$(partition_table "$1")"
}

# Every cut of this state dir's nodes (kafka:down, a fresh kafka:up); quiet where nft cannot be used.
partition_heal_all() {
  [[ -z "$(partition_unsupported)" ]] || return 0
  local prefix table
  prefix="$(partition_prefix)"
  for table in $(nft list tables ip 2>/dev/null | awk '{print $3}'); do
    [[ "$table" == "$prefix"* ]] && nft delete table ip "$table" && log "healed the partition of node ${table#"$prefix"}"
  done
  return 0
}

# The nodes that are cut now, one per line.
partition_list() {
  [[ -z "$(partition_unsupported)" ]] || return 0
  local prefix table
  prefix="$(partition_prefix)"
  for table in $(nft list tables ip 2>/dev/null | awk '{print $3}'); do
    [[ "$table" == "$prefix"* ]] && echo "${table#"$prefix"}"
  done
  return 0
}
