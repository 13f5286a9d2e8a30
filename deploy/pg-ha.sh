#!/usr/bin/env bash
# The data tier on one machine, for trials and tests: etcd, PostgreSQL 15 under Patroni (a primary and
# a synchronous standby), HAProxy on the primary's port, and pgBackRest's WAL archive and backups.
#
#   deploy/pg-ha.sh start          etcd, the nodes and HAProxy; waits for a primary and a sync standby
#   deploy/pg-ha.sh status         patronictl list, then primary, standby, sync state and lag on one line
#   deploy/pg-ha.sh kill-primary   SIGKILL to the primary's Patroni and its PostgreSQL, as a crash would
#                                  (first waits up to 30 s for a sync standby to take over; --now does not)
#   deploy/pg-ha.sh switchover     planned: patronictl switchover; waits for the new primary on the port
#   deploy/pg-ha.sh revive K       start node K again (after kill-primary): it rejoins as a standby
#   deploy/pg-ha.sh backup [full|diff|incr]  a pgBackRest backup from the primary (full by default)
#   deploy/pg-ha.sh verify         pgbackrest check (archiving works) and verify (the repository is intact)
#   deploy/pg-ha.sh stop [--wipe]  stop all of it; --wipe also deletes the state directory
#
# Never touches the PostgreSQL on 5432. Node K (1..N): PostgreSQL on $WATCHFLOOR_PG_HA_PG_PORT+K-1
# (5433, 5434), Patroni's REST API on $WATCHFLOOR_PG_HA_REST_PORT+K-1 (8008, 8009); etcd on
# $WATCHFLOOR_PG_HA_ETCD_PORT (2379, peers on the next port); HAProxy on $WATCHFLOOR_PG_HA_PORT (5000),
# so WATCHFLOOR_PG_URL=postgresql://postgres@127.0.0.1:5000/watchfloor. WATCHFLOOR_PG_HA_NODES (2 or 3),
# WATCHFLOOR_PG_HA_STRICT (synchronous_mode_strict; false with two nodes, where strict would stop all writes
# after a kill until the killed node is back, true with three). State (data, logs, configs, the pgBackRest
# repository) in $WATCHFLOOR_PG_HA_DIR (target/pg-ha); `start` records the ports there, and the other
# commands use the recorded ones. Run as root (the nodes run as user postgres) or as postgres.
# Needs Debian's patroni, etcd-server, haproxy, pgbackrest, postgresql-15 and postgresql-client, curl.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${WATCHFLOOR_PG_HA_DIR:-$ROOT/target/pg-ha}
SCOPE=watchfloor
STANZA=watchfloor

die() { echo "pg-ha: $*" >&2; exit 1; }
say() { echo "pg-ha: $*"; }
now() { date -u +%H:%M:%S.%3N; }
ms() { date +%s%3N; }

# The ports of a running tier are the ones it was started with, whatever the environment says now.
load_settings() {
  if [ -f "$DIR/settings.env" ]; then
    # shellcheck source=/dev/null
    . "$DIR/settings.env"
  else
    HA_PORT=${WATCHFLOOR_PG_HA_PORT:-5000}
    PG_PORT=${WATCHFLOOR_PG_HA_PG_PORT:-5433}
    REST_PORT=${WATCHFLOOR_PG_HA_REST_PORT:-8008}
    ETCD_PORT=${WATCHFLOOR_PG_HA_ETCD_PORT:-2379}
    NODES=${WATCHFLOOR_PG_HA_NODES:-2}
    # Strict only where a standby is left after a node dies: with two nodes, strict would hold every commit
    # after a kill of the primary until the killed node is back (a person's work), not 15 s.
    if [ "$NODES" = 3 ]; then STRICT=${WATCHFLOOR_PG_HA_STRICT:-true}; else STRICT=${WATCHFLOOR_PG_HA_STRICT:-false}; fi
    PG_BIN=${WATCHFLOOR_PG_HA_PG_BIN:-/usr/lib/postgresql/15/bin}
  fi
  READY_SECONDS=${WATCHFLOOR_PG_HA_READY_SECONDS:-90}
  local v
  for v in PORT:HA_PORT PG_PORT:PG_PORT REST_PORT:REST_PORT ETCD_PORT:ETCD_PORT NODES:NODES STRICT:STRICT; do
    local env="WATCHFLOOR_PG_HA_${v%%:*}" var=${v#*:}
    if [ -n "${!env:-}" ] && [ "${!env}" != "${!var}" ]; then
      say "note: $env=${!env} is ignored: the tier in $DIR was made with ${!var} ('stop --wipe' to start anew)" >&2
    fi
  done
  [[ "$NODES" =~ ^[23]$ ]] || die "WATCHFLOOR_PG_HA_NODES must be 2 or 3, got '$NODES'"
  [[ "$STRICT" =~ ^(true|false)$ ]] || die "WATCHFLOOR_PG_HA_STRICT must be true or false, got '$STRICT'"
}

save_settings() {
  cat >"$DIR/settings.env" <<EOF
HA_PORT=$HA_PORT
PG_PORT=$PG_PORT
REST_PORT=$REST_PORT
ETCD_PORT=$ETCD_PORT
NODES=$NODES
STRICT=$STRICT
PG_BIN=$PG_BIN
EOF
}

pg_port() { echo $((PG_PORT + $1 - 1)); }
rest_port() { echo $((REST_PORT + $1 - 1)); }
node_dir() { echo "$DIR/node$1"; }
data_dir() { echo "$DIR/node$1/data"; }
node_cfg() { echo "$DIR/node$1.yml"; }
br_conf() { echo "$DIR/pgbackrest/pgbackrest.conf"; }
nodes() { seq 1 "$NODES"; }
need_node() {
  if ! [[ "${1:-}" =~ ^[1-9]$ ]] || [ "$1" -gt "$NODES" ]; then die "needs a node number from 1 to $NODES, got '${1:-}'"; fi
}

# The nodes, pgBackRest and etcd run as postgres: PostgreSQL refuses root. HOME is the state
# directory, so nothing lands in postgres's real home.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups env HOME="$DIR" "$@"
  else
    env HOME="$DIR" "$@"
  fi
}

# Started in its own session (a Ctrl-C or a test's process group kill at the caller does not reach
# it), detached from the terminal; prints the daemon's pid (setsid and setpriv exec, they do not fork).
spawn() {
  local log=$1; shift
  (
    if [ "$(id -u)" -eq 0 ]; then
      exec setsid setpriv --reuid=postgres --regid=postgres --init-groups env HOME="$DIR" "$@" >>"$log" 2>&1 </dev/null
    else
      exec setsid env HOME="$DIR" "$@" >>"$log" 2>&1 </dev/null
    fi
  ) &
  echo $!
}

# A pid from a pid file, only while that process still runs the expected program (pids get reused).
pid_if() {
  local file=$1 pattern=$2 pid
  [ -f "$file" ] || return 0
  pid=$(head -n 1 "$file" 2>/dev/null | tr -dc 0-9)
  [ -n "$pid" ] || return 0
  [ -r "/proc/$pid/cmdline" ] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern" && echo "$pid"
  return 0
}
etcd_pid() { pid_if "$DIR/etcd.pid" "$DIR/etcd"; }
patroni_pid() { pid_if "$DIR/patroni$1.pid" "$(node_cfg "$1")"; }
postmaster_pid() { pid_if "$(data_dir "$1")/postmaster.pid" "$(data_dir "$1")"; }
haproxy_pid() { pid_if "$DIR/haproxy.pid" "$DIR/haproxy.cfg"; }

rest_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$(rest_port "$1")$2" 2>/dev/null || true; }
is_primary() { [ "$(rest_code "$1" /primary)" = 200 ]; }
is_sync() { [ "$(rest_code "$1" /sync)" = 200 ]; }
other_node() { local k; for k in $(nodes); do [ "$k" != "$1" ] && { echo "$k"; return 0; }; done; return 0; }
leader() { local k; for k in $(nodes); do is_primary "$k" && { echo "$k"; return 0; }; done; return 0; }

# psql as postgres over TCP, no password; short timeouts so that a dead node answers quickly.
sql() {
  local port=$1; shift
  PGCONNECT_TIMEOUT=2 PGOPTIONS='-c statement_timeout=3000' \
    psql -X -w -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -At "$@" 2>/dev/null
}
writable_via_ha() { [ "$(sql "$HA_PORT" -c 'SELECT NOT pg_is_in_recovery()' || true)" = t ]; }
streaming_sync() {
  local n
  n=$(sql "$(pg_port "$1")" -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND sync_state IN ('sync', 'quorum')" || true)
  [ -n "$n" ] && [ "$n" -ge 1 ]
}

check_tools() {
  local missing=() c
  command -v patroni >/dev/null && command -v patronictl >/dev/null || missing+=("patroni (apt-get install patroni)")
  command -v etcd >/dev/null || missing+=("etcd (apt-get install etcd-server)")
  command -v haproxy >/dev/null || missing+=("haproxy (apt-get install haproxy)")
  command -v pgbackrest >/dev/null || missing+=("pgbackrest (apt-get install pgbackrest)")
  [ -x "$PG_BIN/postgres" ] && [ -x "$PG_BIN/initdb" ] || missing+=("PostgreSQL 15 server binaries in $PG_BIN (apt-get install postgresql-15)")
  for c in psql curl setsid; do command -v "$c" >/dev/null || missing+=("$c (apt-get install ${c/psql/postgresql-client})"); done
  [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null && missing+=("setpriv (apt-get install util-linux)")
  if [ "${#missing[@]}" -gt 0 ]; then
    printf 'pg-ha: missing: %s\n' "${missing[@]}" >&2
    exit 1
  fi
  if [ "$(id -u)" -ne 0 ] && [ "$(id -un)" != postgres ]; then
    die "run as root (the nodes then run as user postgres) or as postgres: PostgreSQL refuses root, and the state is postgres's"
  fi
  id postgres >/dev/null 2>&1 || die "there is no user postgres (apt-get install postgresql-15 makes it)"
}

# A port somebody else listens on: say who, and what to do about the distro's etcd service.
check_free() {
  local port=$1 what=$2 who
  who=$(ss -Hltnp "sport = :$port" 2>/dev/null || true)
  [ -z "$who" ] && return 0
  if [ "$port" = "$ETCD_PORT" ] && grep -q '"etcd"' <<<"$who"; then
    die "port $port ($what) is taken by an etcd that is not this tier's, probably the etcd-server package's own service (Debian starts it at install): stop it with 'systemctl disable --now etcd' (or 'service etcd stop'), or set WATCHFLOOR_PG_HA_ETCD_PORT. ss says: $who"
  fi
  die "port $port ($what) is taken; set the WATCHFLOOR_PG_HA_* port variables to run beside it. ss says: $who"
}

write_patroni_cfg() {
  local k=$1 nd dd
  nd=$(node_dir "$k"); dd=$(data_dir "$k")
  cat >"$(node_cfg "$k")" <<EOF
# written by deploy/pg-ha.sh; regenerated at each start
scope: $SCOPE
namespace: /watchfloor-pg-ha/
name: node$k
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$(rest_port "$k")
  connect_address: 127.0.0.1:$(rest_port "$k")
etcd3:
  host: 127.0.0.1:$ETCD_PORT
bootstrap:
  dcs:
    # a dead leader's key expires after ttl; a replica notices within loop_wait
    ttl: 10
    loop_wait: 2
    retry_timeout: 3
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    synchronous_mode_strict: $STRICT
    # with one etcd, failsafe keeps the primary up while etcd is away and every member answers it
    failsafe_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        max_connections: 200
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        # a standby whose slot is not yet on a new primary retries after 1 s, not the default 5 s
        wal_retrieve_retry_interval: 1s
        archive_mode: 'on'
        # at most a minute of WAL outside the archive when the primary's disk is lost
        archive_timeout: 60s
  initdb:
  - encoding: UTF8
  - locale: C.UTF-8
  - data-checksums
postgresql:
  listen: 127.0.0.1:$(pg_port "$k")
  connect_address: 127.0.0.1:$(pg_port "$k")
  data_dir: $dd
  bin_dir: $PG_BIN
  pgpass: $nd/pgpass
  authentication:
    superuser:
      username: postgres
    replication:
      username: postgres
    rewind:
      username: postgres
  parameters:
    unix_socket_directories: '$nd'
    # per node: pgBackRest resolves %p against pg1-path, which must be this node's data directory
    archive_command: 'pgbackrest --config=$(br_conf) --stanza=$STANZA --pg1-path=$dd archive-push %p'
  pg_hba:
  - local all all trust
  - host all all 127.0.0.1/32 trust
  - host replication all 127.0.0.1/32 trust
EOF
}

write_haproxy_cfg() {
  local k
  {
    cat <<EOF
# written by deploy/pg-ha.sh: connections on $HA_PORT go to whichever node Patroni calls the primary
global
    maxconn 2000

defaults
    mode tcp
    timeout connect 2s
    # pooled connections sit idle between bursts
    timeout client 30m
    timeout server 30m
    timeout check 2s

listen primary
    bind 127.0.0.1:$HA_PORT
    option httpchk OPTIONS /primary
    http-check expect status 200
    default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
EOF
    for k in $(nodes); do
      echo "    server node$k 127.0.0.1:$(pg_port "$k") maxconn 500 check port $(rest_port "$k")"
    done
  } >"$DIR/haproxy.cfg"
  haproxy -c -q -f "$DIR/haproxy.cfg" || die "HAProxy refused $DIR/haproxy.cfg"
}

write_pgbackrest_cfg() {
  local k
  mkdir -p "$DIR/pgbackrest/repo" "$DIR/pgbackrest/log" "$DIR/pgbackrest/lock" "$DIR/pgbackrest/spool"
  {
    cat <<EOF
# written by deploy/pg-ha.sh
[global]
repo1-path=$DIR/pgbackrest/repo
# two full backups, and the WAL needed to restore from the older one to now
repo1-retention-full=2
log-path=$DIR/pgbackrest/log
lock-path=$DIR/pgbackrest/lock
spool-path=$DIR/pgbackrest/spool
log-level-console=info
log-level-file=detail
start-fast=y
compress-type=gz

[$STANZA]
# backups come from the primary, whichever node it is now; pgBackRest asks each node
backup-standby=n
EOF
    for k in $(nodes); do
      echo "pg$k-path=$(data_dir "$k")"
      echo "pg$k-port=$(pg_port "$k")"
      echo "pg$k-socket-path=$(node_dir "$k")"
      echo "pg$k-user=postgres"
    done
  } >"$(br_conf)"
}

wait_for() {
  local seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" && return 0
    sleep 0.2
  done
  return 1
}

etcd_healthy() { curl -fs --max-time 1 "http://127.0.0.1:$ETCD_PORT/health" 2>/dev/null | grep -q '"health":"true"'; }

start_etcd() {
  [ -n "$(etcd_pid)" ] && return 0
  check_free "$ETCD_PORT" "etcd clients"
  check_free "$((ETCD_PORT + 1))" "etcd peers"
  local pid
  pid=$(spawn "$DIR/etcd.log" etcd --name pg-ha --data-dir "$DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
    --initial-cluster "pg-ha=http://127.0.0.1:$((ETCD_PORT + 1))" --initial-cluster-token watchfloor-pg-ha \
    --initial-cluster-state new)
  echo "$pid" >"$DIR/etcd.pid"
  wait_for etcd 20 etcd_healthy || { tail -n 20 "$DIR/etcd.log" >&2; die "etcd not healthy on :$ETCD_PORT after 20 s; its log: $DIR/etcd.log"; }
  say "etcd up on 127.0.0.1:$ETCD_PORT (pid $pid)"
}

start_patroni() {
  local k=$1 pid
  [ -n "$(patroni_pid "$k")" ] && return 0
  if [ -n "$(postmaster_pid "$k")" ]; then
    die "node $k's PostgreSQL (pid $(postmaster_pid "$k")) runs without its Patroni: '$0 stop' first"
  fi
  check_free "$(pg_port "$k")" "node $k PostgreSQL"
  check_free "$(rest_port "$k")" "node $k Patroni REST"
  mkdir -p "$(node_dir "$k")"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$(node_dir "$k")"
  pid=$(spawn "$(node_dir "$k")/patroni.log" patroni "$(node_cfg "$k")")
  echo "$pid" >"$DIR/patroni$k.pid"
  say "node $k: Patroni pid $pid, PostgreSQL 127.0.0.1:$(pg_port "$k"), REST :$(rest_port "$k"), log $(node_dir "$k")/patroni.log"
}

# dies with the log's tail when node K's Patroni has exited
patroni_dead() {
  local k=$1
  [ -n "$(patroni_pid "$k")" ] && return 0
  tail -n 30 "$(node_dir "$k")/patroni.log" >&2 || true
  die "node $k's Patroni exited; its log: $(node_dir "$k")/patroni.log"
}

node_streaming() {
  local l
  l=$(leader)
  [ -n "$l" ] && [ "$(sql "$(pg_port "$l")" -c "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'node$1' AND state = 'streaming'" || true)" = 1 ]
}

# node K runs as a replica (Patroni's /replica) and streams from the primary
wait_node_streaming() {
  local k=$1
  for _ in $(seq 1 $((READY_SECONDS * 5))); do
    [ "$(rest_code "$k" '/replica?lag=16MB')" = 200 ] && node_streaming "$k" && return 0
    patroni_dead "$k"
    sleep 0.2
  done
  die "node $k does not stream from the primary after ${READY_SECONDS}s; its log: $(node_dir "$k")/patroni.log"
}

# some node (K, or any when empty) is the primary
wait_leader() {
  local want=$1 k
  for _ in $(seq 1 $((READY_SECONDS * 5))); do
    [ -n "$(leader)" ] && return 0
    for k in ${want:-$(nodes)}; do patroni_dead "$k"; done
    sleep 0.2
  done
  die "no primary after ${READY_SECONDS}s; the logs: $DIR/node*/patroni.log"
}

# one of the standbys is the synchronous one (there is one even with three nodes)
wait_any_sync() {
  local k l
  for _ in $(seq 1 $((READY_SECONDS * 5))); do
    l=$(leader)
    for k in $(nodes); do [ "$k" != "$l" ] && is_sync "$k" && return 0; done
    sleep 0.2
  done
  die "no synchronous standby after ${READY_SECONDS}s; the logs: $DIR/node*/patroni.log"
}

start_haproxy() {
  [ -n "$(haproxy_pid)" ] && return 0
  check_free "$HA_PORT" "HAProxy"
  haproxy -D -p "$DIR/haproxy.pid" -f "$DIR/haproxy.cfg" || die "haproxy did not start"
  say "HAProxy on 127.0.0.1:$HA_PORT (pid $(head -n 1 "$DIR/haproxy.pid"))"
}

running_pieces() {
  local k n=0
  [ -n "$(etcd_pid)" ] && n=$((n + 1))
  [ -n "$(haproxy_pid)" ] && n=$((n + 1))
  for k in $(nodes); do [ -n "$(patroni_pid "$k")" ] && n=$((n + 1)); done
  echo "$n"
}

primary_and_sync() {
  local l k
  l=$(leader)
  [ -n "$l" ] || return 1
  writable_via_ha || return 1
  streaming_sync "$l" || return 1
  for k in $(nodes); do [ "$k" != "$l" ] && is_sync "$k" && return 0; done
  return 1
}

start() {
  load_settings
  check_tools
  if [ -f "$DIR/settings.env" ] && [ "$(running_pieces)" -eq $((NODES + 2)) ] && primary_and_sync; then
    say "already running from $DIR (primary node $(leader)); '$0 status' for more"
    return 0
  fi
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
  save_settings
  local l t0
  t0=$(ms)
  write_pgbackrest_cfg
  for k in $(nodes); do write_patroni_cfg "$k"; done
  write_haproxy_cfg
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$DIR"
  start_etcd
  if [ ! -d "$(data_dir 1)" ]; then
    # a new cluster: node 1 alone first, so that it is the one that bootstraps; the others clone it
    start_patroni 1
    wait_leader 1
  fi
  for k in $(nodes); do start_patroni "$k"; done
  wait_leader ""
  wait_any_sync
  start_haproxy
  wait_for haproxy "$READY_SECONDS" primary_and_sync || die "no primary with a streaming synchronous standby through :$HA_PORT after ${READY_SECONDS}s"
  l=$(leader)
  stanza_create
  say "up in $(( ($(ms) - t0) / 1000 )) s: primary node $l (127.0.0.1:$(pg_port "$l")), synchronous standby streaming, HAProxy 127.0.0.1:$HA_PORT"
  echo
  echo "Point Watchfloor at it:"
  echo "  WATCHFLOOR_STORE=postgres WATCHFLOOR_PG_URL=postgresql://postgres@127.0.0.1:$HA_PORT/watchfloor java -jar target/watchfloor.jar"
  echo "Then: $0 status | kill-primary | switchover | revive K | backup | stop"
}

# The repository's stanza; harmless when it exists. 'check' then proves WAL archiving works.
stanza_create() {
  as_pg pgbackrest --config="$(br_conf)" --stanza="$STANZA" --log-level-console=warn stanza-create \
    || die "pgbackrest stanza-create failed; its log: $DIR/pgbackrest/log"
  as_pg pgbackrest --config="$(br_conf)" --stanza="$STANZA" --log-level-console=warn check \
    || die "pgbackrest check failed (is WAL archiving working?); its log: $DIR/pgbackrest/log"
  say "pgBackRest stanza '$STANZA' ready, WAL archive checked (repository $DIR/pgbackrest/repo)"
}

# the cluster's synchronous_mode_strict as Patroni holds it now (the DCS, not this script's setting)
strict_now() {
  curl -s --max-time 1 "http://127.0.0.1:$(rest_port "$1")/config" 2>/dev/null | grep -q '"synchronous_mode_strict": *true'
}

status() {
  load_settings
  [ -f "$DIR/settings.env" ] || { echo "no data tier started from $DIR"; return 0; }
  local l k sb="" repl line
  if [ -n "$(etcd_pid)" ]; then
    patronictl -c "$(node_cfg 1)" list "$SCOPE" 2>/dev/null || echo "(patronictl list failed)"
  else
    echo "etcd is down: no member list"
  fi
  l=$(leader)
  for k in $(nodes); do
    [ "$k" = "$l" ] && continue
    [ -n "$(patroni_pid "$k")" ] || { sb="$sb node $k down;"; continue; }
    if is_sync "$k"; then sb="$sb node $k sync standby;"
    elif [ "$(rest_code "$k" /replica)" = 200 ]; then sb="$sb node $k async standby;"
    else sb="$sb node $k not replicating;"; fi
  done
  if [ -n "$l" ]; then
    repl=$(sql "$(pg_port "$l")" -F ' ' -c "SELECT application_name, state, sync_state,
        pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,
        round(coalesce(extract(epoch FROM replay_lag), 0)::numeric, 3)
      FROM pg_stat_replication ORDER BY application_name" || true)
    line="primary node $l (127.0.0.1:$(pg_port "$l"));${sb}"
    if [ -n "$repl" ]; then
      while read -r name state sync bytes secs; do
        line="$line $name $state $sync, lag $bytes bytes / ${secs} s;"
      done <<<"$repl"
    else
      line="$line no standby streaming;"
    fi
    if ! grep -qw sync <<<"$repl" && strict_now "$l"; then
      line="$line WRITES WAIT for a synchronous standby (synchronous_mode_strict): revive a node;"
    fi
  else
    line="no primary;${sb}"
  fi
  if [ -n "$(haproxy_pid)" ]; then
    if writable_via_ha; then
      line="$line :$HA_PORT -> 127.0.0.1:$(sql "$HA_PORT" -c 'SELECT inet_server_port()')"
    else
      line="$line :$HA_PORT reaches no primary"
    fi
  else
    line="$line HAProxy down"
  fi
  [ -n "$(etcd_pid)" ] || line="$line; etcd down"
  echo "$line"
}

# SIGKILL to a node's Patroni, its postmaster and the postmaster's children at once, as a power cut
# would; Patroni alone would restart its PostgreSQL, and a postmaster alone would be restarted.
kill_node() {
  local k=$1 pp pm kids
  pp=$(patroni_pid "$k"); pm=$(postmaster_pid "$k")
  [ -n "$pp$pm" ] || die "node $k is not running"
  kids=""
  [ -n "$pm" ] && kids=$(pgrep -P "$pm" | tr '\n' ' ' || true)
  # shellcheck disable=SC2086
  kill -9 $pp $pm $kids 2>/dev/null || true
  for _ in $(seq 1 50); do
    # shellcheck disable=SC2086
    kill -0 $pp $pm 2>/dev/null || break
    sleep 0.1
  done
  say "$(now) killed node $k: Patroni ${pp:-(none)}, postmaster ${pm:-(none)} and $(wc -w <<<"$kids") children (SIGKILL)"
}

kill_primary() {
  load_settings
  local l k sync=""
  l=$(leader)
  [ -n "$l" ] || die "no node is the primary right now ('$0 status')"
  # Patroni promotes only the synchronous standby; right after a switchover or a revive there is none
  # for a few seconds, and a kill then leaves no primary at all until the killed node is back
  if [ "${1:-}" != --now ]; then
    for _ in $(seq 1 150); do
      for k in $(nodes); do [ "$k" != "$l" ] && is_sync "$k" && { sync=$k; break; }; done
      [ -n "$sync" ] && break
      sleep 0.2
    done
    [ -n "$sync" ] || say "no synchronous standby after 30 s: killing anyway; no node will take over"
  fi
  kill_node "$l"
  say "a synchronous standby takes over within about ttl (10 s); '$0 revive $l' brings node $l back as a standby"
  if [ "$NODES" -eq 2 ] && strict_now "$(other_node "$l")"; then
    say "synchronous_mode_strict with two nodes: writes on the new primary wait until node $l is back ('$0 revive $l')"
  fi
}

wait_new_primary() {
  local old=$1 t0=$2 l
  for _ in $(seq 1 $((READY_SECONDS * 10))); do
    l=$(leader)
    if [ -n "$l" ] && [ "$l" != "$old" ] && writable_via_ha; then
      say "$(now) node $l is the primary and answers on :$HA_PORT, $(( $(ms) - t0 )) ms after the request"
      return 0
    fi
    sleep 0.1
  done
  die "no new primary on :$HA_PORT after ${READY_SECONDS}s"
}

switchover() {
  load_settings
  local l c k t0
  l=$(leader)
  [ -n "$l" ] || die "no node is the primary right now ('$0 status')"
  c=""
  # right after a switchover or a revive, the old primary takes a few seconds to be the sync standby
  for _ in $(seq 1 150); do
    for k in $(nodes); do [ "$k" != "$l" ] && is_sync "$k" && { c=$k; break; }; done
    [ -n "$c" ] && break
    sleep 0.2
  done
  [ -n "$c" ] || die "no synchronous standby to hand over to after 30 s ('$0 status')"
  t0=$(ms)
  say "$(now) switchover from node $l to node $c"
  patronictl -c "$(node_cfg 1)" switchover --leader "node$l" --candidate "node$c" --force "$SCOPE" >"$DIR/switchover.log" 2>&1 \
    || { cat "$DIR/switchover.log" >&2; die "patronictl switchover failed"; }
  wait_new_primary "$l" "$t0"
}

revive() {
  load_settings
  need_node "${1:-}"
  local k=$1
  check_tools
  [ -n "$(etcd_pid)" ] || die "etcd is not running: '$0 start'"
  [ -z "$(patroni_pid "$k")" ] || die "node $k is running (Patroni pid $(patroni_pid "$k"))"
  write_patroni_cfg "$k"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$(node_cfg "$k")"
  start_patroni "$k"
  # usually back as a standby; back as the primary when it still held the leader lock (revived within
  # ttl of the kill) or when no other node was eligible (none was the synchronous standby when it died)
  for _ in $(seq 1 $((READY_SECONDS * 5))); do
    is_sync "$k" && break
    is_primary "$k" && break
    [ "$NODES" -gt 2 ] && [ "$(rest_code "$k" '/replica?lag=16MB')" = 200 ] && node_streaming "$k" && break
    patroni_dead "$k"
    sleep 0.2
  done
  if is_primary "$k"; then
    wait_any_sync
    say "$(now) node $k is back as the primary, with a synchronous standby (it was revived before its leader lock expired, or no standby was eligible to take over)"
  elif is_sync "$k"; then
    say "$(now) node $k is back as the synchronous standby"
  elif [ "$NODES" -gt 2 ] && node_streaming "$k"; then
    wait_any_sync
    say "$(now) node $k is back as $(is_sync "$k" && echo "the synchronous" || echo "an asynchronous") standby"
  else
    die "node $k is neither a synchronous standby nor the primary after ${READY_SECONDS}s; its log: $(node_dir "$k")/patroni.log"
  fi
}

backup() {
  load_settings
  local type=${1:-full}
  [[ "$type" =~ ^(full|diff|incr)$ ]] || die "backup type is full, diff or incr, got '$type'"
  [ -n "$(leader)" ] || die "no primary to back up ('$0 status')"
  as_pg pgbackrest --config="$(br_conf)" --stanza="$STANZA" --log-level-console=warn stanza-create \
    || die "pgbackrest stanza-create failed; its log: $DIR/pgbackrest/log"
  as_pg pgbackrest --config="$(br_conf)" --stanza="$STANZA" --type="$type" backup \
    || die "pgbackrest backup failed; its log: $DIR/pgbackrest/log"
  as_pg pgbackrest --config="$(br_conf)" --stanza="$STANZA" info
}

# processes of user postgres whose command line names the state directory, but not this script or
# its callers (a test may have the directory in its own command line)
leftovers() {
  local p=$$ mine=" " pid out=""
  while [ -n "$p" ] && [ "$p" -gt 1 ]; do
    mine="$mine$p "
    p=$(awk '/^PPid:/ { print $2 }' "/proc/$p/status" 2>/dev/null || true)
  done
  for pid in $(pgrep -u postgres -f -- "$DIR/" || true); do
    [[ "$mine" == *" $pid "* ]] || out="$out${out:+ }$pid"
  done
  echo "$out"
}

# a backup checked without restoring it: the archive works now, and every file in the repository
# (backups and WAL) is as written; the drill (deploy/pg-restore-drill.sh) restores one
verify() {
  load_settings
  [ -f "$(br_conf)" ] || die "no pgBackRest configuration at $(br_conf): '$0 start' first"
  if [ -n "$(leader)" ]; then
    as_pg pgbackrest --config="$(br_conf)" --stanza="$STANZA" --log-level-console=warn check \
      || die "pgbackrest check failed: WAL archiving does not work; its log: $DIR/pgbackrest/log"
    say "pgbackrest check: the primary's WAL reaches the archive"
  else
    say "no primary: skipping pgbackrest check"
  fi
  as_pg pgbackrest --config="$(br_conf)" --stanza="$STANZA" --log-level-console=warn verify \
    || die "pgbackrest verify found damage in $DIR/pgbackrest/repo; its log: $DIR/pgbackrest/log"
  say "pgbackrest verify: the backups and the WAL archive in the repository are intact"
  as_pg pgbackrest --config="$(br_conf)" --stanza="$STANZA" info
}

# TERM, then KILL after $2 seconds
end_pid() {
  local pid=$1 wait=$2
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((wait * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  load_settings
  local wipe=${1:-} k pids p left
  [ -z "$wipe" ] || [ "$wipe" = --wipe ] || die "stop takes only --wipe"
  if [ -d "$DIR" ]; then
    p=$(haproxy_pid); [ -n "$p" ] && { end_pid "$p" 5; say "stopped HAProxy (pid $p)"; }
    # the Patronis stop their PostgreSQL (fast shutdown) and then exit
    local -a pp=()
    for k in $(nodes); do
      pp[k]=$(patroni_pid "$k")
      if [ -n "${pp[k]}" ]; then kill "${pp[k]}" 2>/dev/null || true; fi
    done
    for k in $(nodes); do
      p=${pp[k]}; [ -n "$p" ] && { end_pid "$p" 30; say "stopped node $k's Patroni (pid $p) and its PostgreSQL"; }
      p=$(postmaster_pid "$k")
      if [ -n "$p" ]; then
        # a node whose Patroni was killed: a fast shutdown, as pg_ctl stop -m fast does
        kill -INT "$p" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        # shellcheck disable=SC2046
        kill -9 "$p" $(pgrep -P "$p" || true) 2>/dev/null || true
        say "stopped node $k's PostgreSQL (pid $p)"
      fi
    done
    p=$(etcd_pid); [ -n "$p" ] && { end_pid "$p" 10; say "stopped etcd (pid $p)"; }
    # anything else started from this state directory (a pg_rewind, an archive-push, a basebackup)
    pids=$(leftovers)
    if [ -n "$pids" ]; then
      # shellcheck disable=SC2086
      kill -9 $pids 2>/dev/null || true
      say "killed leftovers: $pids"
    fi
    sleep 0.2
    left=$(leftovers)
    [ -z "$left" ] || die "still running after stop: $left"
  fi
  if [ "$wipe" = --wipe ]; then
    rm -rf "$DIR"
    say "removed $DIR"
  fi
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  kill-primary) kill_primary "${2:-}" ;;
  switchover) switchover ;;
  revive | start-node) revive "${2:-}" ;;
  backup) backup "${2:-}" ;;
  verify) verify ;;
  stop) stop "${2:-}" ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 64 ;;
esac
