#!/usr/bin/env bash
# The restore drill: the data tier's pgBackRest backup and WAL archive restored to a point in time into
# a fresh PostgreSQL on a spare port, started as a standalone primary and checked. Production is not
# touched: the drill reads the repository, and archives nothing into it.
#
#   deploy/pg-restore-drill.sh [--target TIME]   restore to TIME (e.g. '2026-12-07 07:41:12+00'), then check
#   deploy/pg-restore-drill.sh --before-xid XID  restore to just before transaction XID committed
#   deploy/pg-restore-drill.sh                   restore to the end of the archive (the latest)
#   deploy/pg-restore-drill.sh check             the checks again, on the restored cluster
#   deploy/pg-restore-drill.sh stop              stop the restored cluster and delete it
#
# Options: --db NAME (watchfloor) the database that must be there; --table NAME (repeatable; default
# report, alert, case_file) the tables whose rows are counted; --set LABEL a given backup (pgBackRest
# picks the latest one before the target otherwise). The repository is deploy/pg-ha.sh's, in
# $WATCHFLOOR_PG_HA_DIR (target/pg-ha); the restored cluster is in its drill/ directory, on
# $WATCHFLOOR_PG_DRILL_PORT (5440). When the tier answers, the drill first runs `pgbackrest check`,
# which switches the primary to a new WAL file and waits until the archive has it, so the archive
# reaches the present. Run as root (PostgreSQL then runs as user postgres) or as postgres.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${WATCHFLOOR_PG_HA_DIR:-$ROOT/target/pg-ha}
DRILL=$DIR/drill
DATA=$DRILL/data
PORT=${WATCHFLOOR_PG_DRILL_PORT:-5440}
STANZA=watchfloor
TIER_CONF=$DIR/pgbackrest/pgbackrest.conf
CONF=$DRILL/pgbackrest.conf
PG_BIN=${WATCHFLOOR_PG_HA_PG_BIN:-/usr/lib/postgresql/15/bin}
HA_PORT=5000
if [ -f "$DIR/settings.env" ]; then
  PG_BIN=$(sed -n 's/^PG_BIN=//p' "$DIR/settings.env")
  HA_PORT=$(sed -n 's/^HA_PORT=//p' "$DIR/settings.env")
fi

die() { echo "restore-drill: $*" >&2; exit 1; }
say() { echo "restore-drill: $*"; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups env HOME="$DIR" "$@"
  else
    env HOME="$DIR" "$@"
  fi
}

sql() {
  PGCONNECT_TIMEOUT=3 psql -X -w -q -h 127.0.0.1 -p "$PORT" -U postgres -At "$@"
}

postmaster_pid() {
  local pid
  [ -f "$DATA/postmaster.pid" ] || return 0
  pid=$(head -n 1 "$DATA/postmaster.pid" | tr -dc 0-9)
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DATA" && echo "$pid"
  return 0
}

check_tools() {
  command -v pgbackrest >/dev/null || die "pgbackrest is not installed (apt-get install pgbackrest)"
  [ -x "$PG_BIN/pg_ctl" ] || die "no PostgreSQL 15 server binaries in $PG_BIN (apt-get install postgresql-15)"
  command -v psql >/dev/null || die "psql is not installed (apt-get install postgresql-client)"
  if [ "$(id -u)" -ne 0 ] && [ "$(id -un)" != postgres ]; then die "run as root or as postgres"; fi
  [ -f "$TIER_CONF" ] || die "no pgBackRest configuration at $TIER_CONF: start the tier once (deploy/pg-ha.sh start) and take a backup (deploy/pg-ha.sh backup)"
}

restore() {
  local type=default target="" set="" db=watchfloor tables=() repo
  while [ $# -gt 0 ]; do
    case "$1" in
      --target) [ $# -ge 2 ] || die "--target needs a time"; type="time"; target=$2; shift 2 ;;
      --before-xid) [ $# -ge 2 ] || die "--before-xid needs a transaction id"; type=xid; target=$2; shift 2 ;;
      --latest) type=default; shift ;;
      --set) [ $# -ge 2 ] || die "--set needs a backup label"; set=$2; shift 2 ;;
      --db) [ $# -ge 2 ] || die "--db needs a name"; db=$2; shift 2 ;;
      --table) [ $# -ge 2 ] || die "--table needs a name"; tables+=("$2"); shift 2 ;;
      *) die "unknown option '$1' (see the header of $0)" ;;
    esac
  done
  check_tools
  [ -z "$(postmaster_pid)" ] || die "a restored cluster already runs on :$PORT (pid $(postmaster_pid)): '$0 stop' first"
  [ ! -e "$DRILL" ] || die "$DRILL is left from an earlier drill: '$0 stop' first"
  if [ -n "$(ss -Hltn "sport = :$PORT" 2>/dev/null)" ]; then die "port $PORT is taken; set WATCHFLOOR_PG_DRILL_PORT"; fi
  repo=$(sed -n 's/^repo1-path=//p' "$TIER_CONF")

  # the archive up to now: check switches the primary's WAL file and waits for it in the archive
  if PGCONNECT_TIMEOUT=2 psql -X -w -q -h 127.0.0.1 -p "$HA_PORT" -U postgres -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
    as_pg pgbackrest --config="$TIER_CONF" --stanza="$STANZA" --log-level-console=warn check \
      || die "pgbackrest check failed: the archive may not reach the target"
    say "the tier's WAL up to now is in the archive (pgbackrest check)"
  else
    say "the tier does not answer on :$HA_PORT: restoring from what the archive holds"
  fi

  mkdir -p "$DRILL/log" "$DRILL/lock"
  cat >"$CONF" <<EOF
# written by deploy/pg-restore-drill.sh: the tier's repository, read only; this directory's cluster
[global]
repo1-path=$repo
log-path=$DRILL/log
lock-path=$DRILL/lock
log-level-console=info
log-level-file=detail

[$STANZA]
pg1-path=$DATA
pg1-port=$PORT
pg1-socket-path=$DRILL
EOF
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$DRILL"

  local args=(--config="$CONF" --stanza="$STANZA" --type="$type" --archive-mode=off)
  [ "$type" != default ] && args+=(--target="$target" --target-action=promote)
  [ "$type" = xid ] && args+=(--target-exclusive)
  [ -n "$set" ] && args+=(--set="$set")
  say "restoring${target:+ to $type $target}${set:+ from backup $set} into $DATA"
  as_pg pgbackrest "${args[@]}" restore || die "pgbackrest restore failed; its log: $DRILL/log (a time target needs a backup that stopped in an earlier second: deploy/pg-ha.sh verify lists them)"

  # The backup holds a Patroni node's configuration (its port, socket, hba path, sync standby names,
  # archive command): replace it by a standalone one on the drill's port that archives nothing.
  cat >"$DATA/postgresql.conf" <<EOF
# written by deploy/pg-restore-drill.sh
include_if_exists 'postgresql.base.conf'
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DRILL'
cluster_name = 'watchfloor-drill'
archive_mode = off
synchronous_standby_names = ''
# no connections until the target is reached and the cluster promoted
hot_standby = off
max_connections = 200
EOF
  cat >"$DATA/pg_hba.conf" <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
  rm -f "$DATA/patroni.dynamic.json" "$DATA/standby.signal"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA/postgresql.conf" "$DATA/pg_hba.conf"

  say "starting it on 127.0.0.1:$PORT; it replays the archive up to the target, then promotes"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$DRILL/postgresql.log" -w -t 600 start >/dev/null; then
    tail -n 20 "$DRILL/postgresql.log" >&2 || true
    die "the restored cluster did not start; its log: $DRILL/postgresql.log"
  fi
  printf '%s\n' "$db" "${tables[@]}" >"$DRILL/check.args"
  check
}

check() {
  [ -n "$(postmaster_pid)" ] || die "no restored cluster runs on :$PORT"
  local db tables=() t n ok=0 stopped
  mapfile -t tables <"$DRILL/check.args"
  db=${tables[0]}; tables=("${tables[@]:1}")
  [ "${#tables[@]}" -gt 0 ] || tables=(report alert case_file)
  for _ in $(seq 1 300); do
    [ "$(sql -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null || true)" = f ] && break
    sleep 0.2
  done
  [ "$(sql -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null || true)" = f ] \
    || die "not reachable as a primary on :$PORT; its log: $DRILL/postgresql.log"
  say "reachable on 127.0.0.1:$PORT, a primary (timeline $(sql -d postgres -c 'SELECT timeline_id FROM pg_control_checkpoint()'))"
  stopped=$(grep -hoE 'recovery stopping .*|last completed transaction was at log time .*' "$DRILL/postgresql.log" | tail -n 2 | tr '\n' ';' || true)
  [ -z "$stopped" ] || say "recovery: ${stopped%;}"
  if [ "$(sql -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    die "database '$db' is not in the restored cluster"
  fi
  say "database '$db' is there"
  for t in "${tables[@]}"; do
    if [ "$(sql -d "$db" -c "SELECT to_regclass('$t') IS NOT NULL")" = t ]; then
      n=$(sql -d "$db" -c "SELECT count(*) FROM $t")
      say "  $t: $n rows"
      ok=$((ok + 1))
    else
      say "  $t: no such table"
    fi
  done
  [ "$ok" -gt 0 ] || die "none of the tables (${tables[*]}) is in '$db'"
  say "check passed; '$0 stop' removes the restored cluster"
}

stop() {
  local pid
  pid=$(postmaster_pid)
  if [ -n "$pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    say "stopped the restored cluster (pid $pid)"
  fi
  rm -rf "$DRILL"
  say "removed $DRILL"
}

case "${1:-}" in
  stop) stop ;;
  check) check ;;
  -h | --help | help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) restore "$@" ;;
esac
