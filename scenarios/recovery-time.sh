#!/usr/bin/env bash
# Measures failover time: kill -9 the agent holding N pods and time until every pod is RUNNING on another
# node. Prints one line per N with the configured detection time (lease + grace) and the overhead beyond it.
# Three nodes (the victim, a spare, a witness): the server declares a node lost only while it holds a strict
# majority of the nodes' leases (src/scheduler/README.md), which two nodes would not give it once one dies.
#
#   scenarios/recovery-time.sh [N ...]        (default: 1 10 50)
#   HEARTBEAT_MS=1000 LEASE_MS=5000 GRACE_MS=2000 scenarios/recovery-time.sh 10
#
# Uses target/debug/pxfw (PXFW_BIN overrides). Everything runs on 127.0.0.1 in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PXFW_BIN:-target/debug/pxfw}
HEARTBEAT_MS=${HEARTBEAT_MS:-1000}
LEASE_MS=${LEASE_MS:-5000}
GRACE_MS=${GRACE_MS:-2000}
COUNTS=("$@"); [ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1 10 50)

now_ms() { date +%s%3N; }
# Agents serve the peer endpoint when this build has it (issue 15): they then ask each other before fencing.
PEER=(); if [[ $("$BIN" agent --help) == *--listen* ]]; then PEER=(--listen 127.0.0.1:0); fi
# Gives up 120 s after the kill (at $1): a failover that never comes is a result, not a hang.
bounded() {
  [ $(( $(now_ms) - $1 )) -lt 120000 ] && return 0
  echo "pods=$n: no failover within 120 s of the kill" >&2; return 1
}

run_one() {
  local n=$1 dir; dir=$(mktemp -d)
  local pids=()
  trap 'kill ${pids[*]:-} 2>/dev/null || true; sleep 1; rm -rf "$dir"' RETURN
  "$BIN" server --listen 127.0.0.1:0 --data-dir "$dir/s" --heartbeat-ms "$HEARTBEAT_MS" --lease-ms "$LEASE_MS" \
    --grace-ms "$GRACE_MS" 2>"$dir/server.log" & pids+=($!)
  while [ ! -s "$dir/s/server.url" ]; do sleep 0.05; done
  local url; url=$(cat "$dir/s/server.url")
  export DCOS_URL=$url DCOS_ACS_TOKEN; DCOS_ACS_TOKEN=$(cat "$dir/s/token"); export PXFW_NO_KEYRING=1 DCOS_DIR=$dir/dcos
  "$BIN" agent --server "$url" --token-file "$dir/s/token" --node-id victim --hostname victim --rack r1 \
    --cpus 64 --mem 65536 --data-dir "$dir/victim" "${PEER[@]}" 2>"$dir/victim.log" & local victim=$!; pids+=($victim)
  until [[ "$("$BIN" cluster status --json)" == *'"ACTIVE"'* ]]; do sleep 0.1; done
  # One replica: the victim is the only node when the pods are placed.
  sed 's/repl=2/repl=1/' tests/specs/kv.yml > "$dir/kv.yml"
  "$BIN" service add kv --spec "$dir/kv.yml" --env SERVICE_NAME=kv --env STORE_COUNT="$n" \
    --env 'STORE_PLACEMENT=[]' >/dev/null
  "$BIN" plan wait deploy --name kv --timeout 300s >/dev/null
  local node
  for node in spare witness; do
    "$BIN" agent --server "$url" --token-file "$dir/s/token" --node-id $node --hostname $node --rack r2 \
      --cpus 64 --mem 65536 --data-dir "$dir/$node" "${PEER[@]}" 2>"$dir/$node.log" & pids+=($!)
  done
  until [ "$("$BIN" cluster status --json | grep -c '"ACTIVE"')" -ge 3 ]; do sleep 0.1; done
  # A few heartbeats, so the victim has received and reported the three-node member list: a node lost
  # before it reports the new list is judged by its old one (itself, or two), which the others can never
  # outvote, and its pods wait for `pxfw node lost --force` (src/scheduler/README.md, "Whose list").
  sleep $(( 3 * HEARTBEAT_MS / 1000 + 1 ))
  local t0; t0=$(now_ms)
  kill -9 "$victim"
  # Until the node is declared lost its pods still show RUNNING (stale); after that, RUNNING means relaunched.
  until [[ "$("$BIN" cluster status --json)" == *'"LOST"'* ]]; do bounded "$t0" || return 1; sleep 0.02; done
  until [ "$("$BIN" pod status --name kv --json | grep -c '"RUNNING"' || true)" -ge "$n" ]; do
    bounded "$t0" || return 1; sleep 0.02
  done
  local took=$(( $(now_ms) - t0 ))
  local detect=$(( LEASE_MS + GRACE_MS ))
  printf 'pods=%-3s recovery_ms=%-6s detection_ms=%-6s overhead_ms=%s\n' "$n" "$took" "$detect" $(( took - detect ))
}

echo "binary: $BIN; heartbeat ${HEARTBEAT_MS} ms, lease ${LEASE_MS} ms, grace ${GRACE_MS} ms; $(nproc) cores"
for n in "${COUNTS[@]}"; do run_one "$n"; done
