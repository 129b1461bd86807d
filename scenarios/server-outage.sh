#!/usr/bin/env bash
# Measures what a control-plane outage costs the data plane: a server with 3 agents and a 3-pod service
# (tests/specs/writer.yml: each task appends a numbered, timestamped line to its volume every ~100 ms),
# then the server is killed (-9) or frozen (SIGSTOP) for S seconds and comes back. The tasks' own write
# logs say what happened: how many tasks were restarted (new task ids), the longest gap in any volume's
# writes, and how long after the server came back the last restarted pod wrote again (time to RUNNING).
#
#   scenarios/server-outage.sh [S ...]           (default: 4 10 30)
#   FAULT=stop scenarios/server-outage.sh 12      (SIGSTOP/SIGCONT instead of kill -9 and a restart)
#   HEARTBEAT_MS=1000 LEASE_MS=5000 GRACE_MS=2000 scenarios/server-outage.sh 10
#
# Uses target/debug/pxfw (PXFW_BIN overrides). Everything runs on 127.0.0.1 in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PXFW_BIN:-target/debug/pxfw}
HEARTBEAT_MS=${HEARTBEAT_MS:-1000}
LEASE_MS=${LEASE_MS:-5000}
GRACE_MS=${GRACE_MS:-2000}
FAULT=${FAULT:-kill9}
OUTAGES=("$@"); [ ${#OUTAGES[@]} -gt 0 ] || OUTAGES=(4 10 30)
case $FAULT in kill9|stop) ;; *) echo "FAULT must be kill9 or stop, not '$FAULT'" >&2; exit 2 ;; esac

now_ms() { date +%s%3N; }
# Agents serve the peer endpoint when this build has it (issue 15): they then ask each other before fencing.
PEER=(); if [[ $("$BIN" agent --help) == *--listen* ]]; then PEER=(--listen 127.0.0.1:0); fi

start_server() { # dir listen
  "$BIN" server --listen "$2" --data-dir "$1/s" --heartbeat-ms "$HEARTBEAT_MS" --lease-ms "$LEASE_MS" \
    --grace-ms "$GRACE_MS" 2>>"$1/server.log" &
  server=$!
}

run_one() {
  local secs=$1 dir; dir=$(mktemp -d)
  local pids=() server
  trap 'kill -CONT ${server:-} 2>/dev/null || true; kill ${pids[*]:-} ${server:-} 2>/dev/null || true; sleep 1; rm -rf "$dir"' RETURN
  start_server "$dir" 127.0.0.1:0
  while [ ! -s "$dir/s/server.url" ]; do sleep 0.05; done
  local url; url=$(cat "$dir/s/server.url")
  export DCOS_URL=$url DCOS_ACS_TOKEN; DCOS_ACS_TOKEN=$(cat "$dir/s/token"); export PXFW_NO_KEYRING=1 DCOS_DIR=$dir/dcos
  for i in 1 2 3; do
    "$BIN" agent --server "$url" --token-file "$dir/s/token" --node-id "n$i" --hostname "n$i" --rack "r$i" \
      --data-dir "$dir/n$i" "${PEER[@]}" 2>"$dir/n$i.log" & pids+=($!)
  done
  until [ "$("$BIN" cluster status --json | grep -c '"ACTIVE"')" -ge 3 ]; do sleep 0.1; done
  "$BIN" service add w --spec tests/specs/writer.yml --env SERVICE_NAME=w --env WRITER_COUNT=3 \
    --env 'WRITER_PLACEMENT=[["hostname","MAX_PER","1"]]' >/dev/null
  "$BIN" plan wait deploy --name w --timeout 120s >/dev/null
  sleep 2
  local logs=("$dir"/s/volumes/volumes/w-data-{0,1,2}/data/writes)
  local t0 back
  t0=$(now_ms)
  if [ "$FAULT" = kill9 ]; then
    kill -9 "$server"; wait "$server" 2>/dev/null || true
    sleep "$secs"
    back=$(now_ms)
    start_server "$dir" "${url#http://}"
  else
    kill -STOP "$server"; sleep "$secs"; back=$(now_ms); kill -CONT "$server"
  fi
  # Lease + grace for the server to act after it is back, then until every pod writes again.
  sleep $(( (LEASE_MS + GRACE_MS) / 1000 + 3 ))
  local deadline=$(( $(now_ms) + 120000 ))
  while :; do
    local fresh=0 f
    for f in "${logs[@]}"; do
      [ $(( $(now_ms) - $(tail -n 1 "$f" | cut -d ' ' -f 2) )) -lt 1000 ] && fresh=$((fresh + 1))
    done
    [ "$fresh" -eq 3 ] && break
    [ "$(now_ms)" -lt "$deadline" ] || { echo "pods did not write again within 120 s" >&2; return 1; }
    sleep 0.2
  done
  # Per log: tasks after the first (restarts), the longest gap between two lines from the fault on, and
  # when the last writer started relative to the server's return.
  awk -v t0="$t0" -v back="$back" -v fault="$FAULT" -v secs="$secs" '
    BEGIN { last_start = -1e15 }
    FNR == 1 { task = $3; prev = 0 }
    {
      if ($3 != task) { restarted++; task = $3; if ($2 - back > last_start) last_start = $2 - back }
      if (prev && $2 >= t0 && $2 - prev > gap) gap = $2 - prev
      prev = $2
    }
    END {
      printf "fault=%-6s outage_s=%-3s tasks_restarted=%d max_write_gap_ms=%-6d running_again_ms=%s\n",
        fault, secs, restarted, gap, restarted ? last_start : "-"
    }' "${logs[@]}"
}

echo "binary: $BIN; heartbeat ${HEARTBEAT_MS} ms, lease ${LEASE_MS} ms, grace ${GRACE_MS} ms; $(nproc) cores"
for s in "${OUTAGES[@]}"; do run_one "$s"; done
