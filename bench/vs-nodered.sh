#!/usr/bin/env bash
# Node-RED + dashboard against ours, as the peer harness's run-vs-ours.sh runs them (its run-ingest.sh:
# the same wrk, Lua scripts, 64 connections, 3 s warm-up and 15 s measured), with one difference: every
# server first takes the same wrk load for WARM_S seconds (default 60), unmeasured. A fresh JVM's C2
# compiler takes a sizeable share of a core for its first ~90 s under load, and Node's JIT warms
# faster, so a cold 18 s run compares start-up more than serving. Both sides get the same warm-up.
# Ours runs on PostgreSQL only: a warm-up at full speed fills the embedded store (500,000 reports).
# Usage: PEERS=DIR bench/vs-nodered.sh [--repeat R]   (DIR: the peer harness, bench-peers; the README says where)
# OURS_START=deployed starts ours as production does, through deploy/watchfloor.sh (its heap and memory
# bounds; WATCHFLOOR_HEAP and WATCHFLOOR_JAVA_OPTS pass through), instead of a bare java -jar.
set -euo pipefail
cd "$(dirname "$0")/.."
proj="$(pwd)"
peers="$(cd "${PEERS:?set PEERS to the peer harness directory (bench-peers)}" && pwd)"
repeat=1; [ "${1:-}" = --repeat ] && repeat="$2"
warm="${WARM_S:-60}"
. "$peers/lib.sh"
cd "$peers"; ./install.sh >/dev/null
[ -f "$proj/target/watchfloor.jar" ] || (cd "$proj" && mvn -q -B -DskipTests package)
since="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

warm_up() { # warm_up URL LUA: the measured load's shape, for $warm seconds, results thrown away
  log "warm-up: $1 for ${warm}s (not measured)"
  timeout $((warm + 10)) wrk -t2 -c64 -d"${warm}s" --timeout 5s -s "$peers/wrk/$2" "$1" >/dev/null 2>&1 || true
}
start_ours() { # start_ours STORE PORT: as run-vs-ours.sh starts it
  local store="$1" port="$2"
  ( cd "$proj"
    export WATCHFLOOR_STORE="$store" WATCHFLOOR_HTTP_PORT="$port" WATCHFLOOR_DEMO_SIMULATE=false \
      WATCHFLOOR_PG_URL=postgresql://postgres@127.0.0.1:5432/watchfloor_peerbench
    exec >"$LOG_DIR/ours-$store.log" 2>&1
    if [ "${OURS_START:-jar}" = deployed ]; then
      WATCHFLOOR_RUN_DIR="$proj/target/run-peerbench" exec deploy/watchfloor.sh --config bench/application.json --demo
    fi
    exec java -jar target/watchfloor.jar --config bench/application.json --demo ) &
  echo $! >"$RUN_DIR/ours.pid"
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 0.25; done
  echo "ours ($store) not ready" >&2; return 1
}
stop_ours() { local p; p="$(cat "$RUN_DIR/ours.pid")"; kill "$p"; for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done; }

for ((rep = 1; rep <= repeat; rep++)); do
  ./stop.sh all >/dev/null 2>&1 || true
  ./start.sh nodered >/dev/null 2>&1; sleep 2
  warm_up http://127.0.0.1:1880/report report-json.lua
  ./run-ingest.sh http://127.0.0.1:1880/report --name nodered-warm --pid "$(cat "$RUN_DIR/nodered.pid")" | grep '^INGEST'
  ./stop.sh nodered >/dev/null 2>&1
  psql -h 127.0.0.1 -U postgres -qc 'drop database if exists watchfloor_peerbench' >/dev/null
  start_ours postgres 18090
  warm_up http://127.0.0.1:18090/api/v1/reports watchfloor.lua
  ./run-ingest.sh http://127.0.0.1:18090/api/v1/reports --format watchfloor --name ours-postgres-warm --pid "$(cat "$RUN_DIR/ours.pid")" | grep '^INGEST'
  stop_ours
done
"$(bench_node)" "$peers/summarize.js" --since "$since"
