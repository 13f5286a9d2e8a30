#!/usr/bin/env bash
# Several Watchfloor nodes and HAProxy on this machine, to try the cluster and its failover.
#
#   deploy/local-cluster.sh start N   N nodes (1-9) behind HAProxy on $WATCHFLOOR_LB_PORT (8080)
#   deploy/local-cluster.sh status    each node's pid and readiness, and the balancer's
#   deploy/local-cluster.sh kill K    kill -9 node K, as a crash would
#   deploy/local-cluster.sh revive K  start node K again (after kill)
#   deploy/local-cluster.sh stop      stop everything this script started
#
# Node K: HTTP port 8080+K, cluster port 5701+10(K-1), event bus port that + 1000. All share
# WATCHFLOOR_PG_URL (default postgresql://postgres@127.0.0.1:5432/watchfloor); the server creates the
# database and its schema. Logs, pids and the generated configs are under target/local-cluster/.
# Needs target/watchfloor.jar (mvn -B package -DskipTests), haproxy and curl. WATCHFLOOR_DEMO=true
# gives the demo credentials on every node and the simulated units on node 1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${WATCHFLOOR_LOCAL_CLUSTER_DIR:-$ROOT/target/local-cluster}
JAR=$ROOT/target/watchfloor.jar
LB_PORT=${WATCHFLOOR_LB_PORT:-8080}
PG_URL=${WATCHFLOOR_PG_URL:-postgresql://postgres@127.0.0.1:5432/watchfloor}
READY_SECONDS=${WATCHFLOOR_READY_SECONDS:-90}
HEAP=${WATCHFLOOR_NODE_HEAP:--Xmx256m}

die() { echo "local-cluster: $*" >&2; exit 1; }
http_port() { echo $((LB_PORT + $1)); }
cluster_port() { echo $((5701 + 10 * ($1 - 1))); }
pid_of() { [ -f "$DIR/$1.pid" ] && cat "$DIR/$1.pid" || true; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/health/ready" 2>/dev/null; }
node_count() { cat "$DIR/nodes" 2>/dev/null || echo 0; }
need_number() { [[ "${2:-}" =~ ^[1-9]$ ]] || die "$1 needs a number from 1 to 9, got '${2:-}'"; }

check_tools() {
  [ -f "$JAR" ] || die "$JAR is missing: build it first (mvn -B package -DskipTests)"
  command -v java >/dev/null || die "java is not on PATH"
  command -v curl >/dev/null || die "curl is not on PATH (apt-get install curl)"
  command -v haproxy >/dev/null || die "haproxy is not installed (apt-get install haproxy); the nodes need a balancer in front"
}

# The shipped config with the balancer trusted as a proxy, so sign-in limits see the real client.
write_config() {
  mkdir -p "$DIR/config"
  cp "$ROOT"/config/*.json "$DIR/config/"
  sed -i 's|"trusted-proxies": \[\]|"trusted-proxies": ["127.0.0.1/32"]|' "$DIR/config/application.json"
  grep -q '"trusted-proxies": \["127.0.0.1/32"\]' "$DIR/config/application.json" \
    || die "could not set http.sign-in.trusted-proxies in $DIR/config/application.json"
}

members() {
  local n=$1 list="" k
  for k in $(seq 1 "$n"); do list="$list${list:+,}127.0.0.1:$(cluster_port "$k")"; done
  echo "$list"
}

start_node() {
  local k=$1 n=$2 simulate=true
  alive "node$k" && die "node $k is already running (pid $(pid_of "node$k"))"
  [ "$k" -gt 1 ] && simulate=false # one set of simulated units for the whole cluster
  echo "starting node $k: http $(http_port "$k"), cluster $(cluster_port "$k")"
  WATCHFLOOR_STORE=postgres WATCHFLOOR_PG_URL="$PG_URL" WATCHFLOOR_HTTP_PORT="$(http_port "$k")" \
    WATCHFLOOR_CLUSTER=true WATCHFLOOR_CLUSTER_HOST=127.0.0.1 WATCHFLOOR_CLUSTER_PORT="$(cluster_port "$k")" \
    WATCHFLOOR_CLUSTER_MEMBERS="$(members "$n")" WATCHFLOOR_DEMO_SIMULATE="${WATCHFLOOR_DEMO_SIMULATE:-$simulate}" \
    nohup java "$HEAP" -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -jar "$JAR" \
      --config "$DIR/config/application.json" >>"$DIR/node$k.log" 2>&1 </dev/null &
  echo $! >"$DIR/node$k.pid"
  wait_ready "node$k" "$(http_port "$k")" "$DIR/node$k.log"
}

wait_ready() {
  local name=$1 port=$2 log=$3 i
  for i in $(seq 1 $((READY_SECONDS * 2))); do
    ready "$port" && { echo "  $name ready on :$port"; return 0; }
    if ! alive "$name"; then
      tail -n 30 "$log" >&2 || true
      die "$name exited before it was ready; its log: $log"
    fi
    sleep 0.5
  done
  tail -n 30 "$log" >&2 || true
  die "$name not ready on :$port after ${READY_SECONDS}s; its log: $log"
}

# deploy/haproxy.cfg with its example server lines replaced by this cluster's nodes.
write_haproxy() {
  local n=$1
  awk -v n="$n" -v base="$LB_PORT" '
    /^[[:space:]]*server[[:space:]]/ { next }
    { print }
    /^[[:space:]]*# nodes[[:space:]]*$/ { for (k = 1; k <= n; k++) printf "    server node%d 127.0.0.1:%d check\n", k, base + k }
  ' "$ROOT/deploy/haproxy.cfg" >"$DIR/haproxy.cfg"
  WATCHFLOOR_LB_PORT=$LB_PORT haproxy -c -q -f "$DIR/haproxy.cfg" || die "HAProxy refused $DIR/haproxy.cfg"
}

start() {
  need_number start "${1:-}"
  local n=$1 k
  check_tools
  mkdir -p "$DIR"
  for k in $(seq 1 9); do alive "node$k" && die "node $k is still running: $0 stop first"; done
  alive haproxy && die "haproxy is still running: $0 stop first"
  echo "$n" >"$DIR/nodes"
  write_config
  write_haproxy "$n"
  # one at a time, as vertx-hazelcast advises; the first also creates the schema
  for k in $(seq 1 "$n"); do start_node "$k" "$n"; done
  WATCHFLOOR_LB_PORT=$LB_PORT nohup haproxy -db -f "$DIR/haproxy.cfg" >>"$DIR/haproxy.log" 2>&1 </dev/null &
  echo $! >"$DIR/haproxy.pid"
  wait_ready haproxy "$LB_PORT" "$DIR/haproxy.log"
  echo "cluster of $n on http://127.0.0.1:$LB_PORT (logs in $DIR)"
}

status() {
  local n k state
  n=$(node_count)
  [ "$n" -gt 0 ] || { echo "no local cluster started from $DIR"; return 0; }
  for k in $(seq 1 "$n"); do
    if ! alive "node$k"; then state=down
    elif ready "$(http_port "$k")"; then state=ready
    else state="running, not ready"; fi
    echo "node $k  pid $(pid_of "node$k")  http :$(http_port "$k")  cluster :$(cluster_port "$k")  $state"
  done
  if alive haproxy; then
    echo "haproxy pid $(pid_of haproxy)  :$LB_PORT  $(ready "$LB_PORT" && echo ready || echo "no node ready")"
  else
    echo "haproxy down"
  fi
}

# TERM first (Vert.x leaves the cluster on close), KILL what is still there after 15 s.
stop_one() {
  local name=$1 pid i
  pid=$(pid_of "$name")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    echo "stopped $name (pid $pid)"
  fi
  rm -f "$DIR/$name.pid"
}

stop() {
  local k
  stop_one haproxy
  for k in $(seq 9 -1 1); do stop_one "node$k"; done
}

kill_node() {
  need_number kill "${1:-}"
  alive "node$1" || die "node $1 is not running"
  local pid i
  pid=$(pid_of "node$1")
  kill -9 "$pid"
  # a JVM takes a moment to go after SIGKILL: wait, so that status and revive right after see it gone
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  echo "killed node $1 (pid $pid); the others notice within the heartbeat timeout (5 s)"
}

revive() {
  need_number revive "${1:-}"
  local n
  n=$(node_count)
  [ "$1" -le "$n" ] || die "node $1 is not in this cluster of $n"
  check_tools
  start_node "$1" "$n"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  status) status ;;
  stop) stop ;;
  kill) kill_node "${2:-}" ;;
  revive) revive "${2:-}" ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 64 ;;
esac
