#!/usr/bin/env bash
# The data tier's own failover times, without Watchfloor (docs/operations.md, "The data tier"): a psql
# INSERT through HAProxy every 100 ms (each given 1 s), and meanwhile N times `deploy/pg-ha.sh kill-primary`
# (then `revive` of the killed node) and N times `deploy/pg-ha.sh switchover`. For each: how long after
# the kill (or the switchover command) a write succeeded again, and how long no write succeeded.
# Needs a running tier (deploy/pg-ha.sh start, same WATCHFLOOR_PG_HA_DIR); writes to table
# pg_ha_probe in its database postgres. Run as root, as deploy/pg-ha.sh.
#
#   bench/pg-ha-writes.sh [--runs N (3)] [--only kill|switchover] [--wait S (30): give up on a kill after S]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HA=$ROOT/deploy/pg-ha.sh
DIR=${WATCHFLOOR_PG_HA_DIR:-$ROOT/target/pg-ha}
RUNS=3 ONLY="" WAIT=30
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --wait) WAIT=$2; shift 2 ;;
    *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 64 ;;
  esac
done
[ -f "$DIR/settings.env" ] || { echo "pg-ha-writes: no tier in $DIR: deploy/pg-ha.sh start first" >&2; exit 1; }
HA_PORT=$(sed -n 's/^HA_PORT=//p' "$DIR/settings.env")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; [ -n "${WP:-}" ] && kill "$WP" 2>/dev/null; true' EXIT

ms() { date +%s%3N; }
insert() {
  timeout 1 psql -X -w -q -h 127.0.0.1 -p "$HA_PORT" -U postgres -d postgres \
    -c 'INSERT INTO pg_ha_probe DEFAULT VALUES' >/dev/null 2>&1
}
# one line per attempt: start_ms end_ms ok|fail
writer() {
  local s r
  while :; do
    s=$(ms)
    if insert; then r=ok; else r=fail; fi
    echo "$s $(ms) $r" >>"$1"
    sleep 0.1
  done
}
# an "HH:MM:SS.mmm" UTC time printed by pg-ha.sh today, in epoch ms
epoch_ms() { date -u -d "$(date -u +%F) $1" +%s%3N; }

# after T: the first failed attempt, then the first success after it; prints "back outage fails"
outage() {
  awk -v t="$2" '
    $1 >= t && $3 == "ok" && !f { lastok = $2 }
    $1 >= t && $3 == "fail" { if (!f) f = 1; fails++ }
    f && $3 == "ok" && $1 >= t && !done { back = $2; done = 1 }
    END { if (!f) { print "0 0 0"; exit } if (!done) { print "-1 -1 " fails; exit }
          print back - t, back - (lastok ? lastok : t), fails }' "$1"
}
wait_back() {
  local log=$1 t=$2 end=$(($(ms) + $3 * 1000))
  while [ "$(ms)" -lt "$end" ]; do
    [ "$(outage "$log" "$t" | cut -d' ' -f1)" -gt 0 ] && return 0
    sleep 0.1
  done
  return 1
}
summary() {
  local name=$1; shift
  [ $# -gt 0 ] || return 0
  printf '%s\n' "$@" | sort -n | awk -v n="$name" '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s: writes back after median %.1f s, worst %.1f s (%d runs)\n", n, m / 1000, v[NR] / 1000, NR }'
}

PGOPTIONS='-c client_min_messages=warning' psql -X -w -q -h 127.0.0.1 -p "$HA_PORT" -U postgres -d postgres \
  -c 'CREATE TABLE IF NOT EXISTS pg_ha_probe (id bigserial PRIMARY KEY, at timestamptz DEFAULT clock_timestamp())' \
  || { echo "pg-ha-writes: the tier takes no writes on :$HA_PORT" >&2; exit 1; }
grep -E '^(NODES|STRICT)=' "$DIR/settings.env" | tr '\n' ' '; echo "(ttl 10, loop_wait 2, retry_timeout 3; HAProxy inter 1s fall 2 rise 1)"

kills=() switches=()
for i in $(seq 1 "$RUNS"); do
  if [ "$ONLY" != switchover ]; then
    log=$WORK/kill$i.log; : >"$log"
    writer "$log" & WP=$!
    sleep 2
    out=$("$HA" kill-primary)
    t=$(epoch_ms "$(sed -n 's/^pg-ha: \([0-9:.]*\) killed node.*/\1/p' <<<"$out")")
    k=$(sed -n 's/.* killed node \([0-9]\).*/\1/p' <<<"$out")
    if wait_back "$log" "$t" "$WAIT"; then
      read -r back gap fails <<<"$(outage "$log" "$t")"
      echo "kill $i (node $k): writes back $back ms after the kill; none succeeded for $gap ms ($fails failed)"
      kills+=("$back")
      kill "$WP"; wait "$WP" 2>/dev/null || true; WP=""
      "$HA" revive "$k" >/dev/null
    else
      echo "kill $i (node $k): no write within ${WAIT} s of the kill (synchronous_mode_strict with no standby left?); reviving node $k"
      r=$(ms)
      "$HA" revive "$k" >/dev/null
      wait_back "$log" "$r" 60 || true
      read -r back gap fails <<<"$(outage "$log" "$t")"
      echo "kill $i (node $k): writes back $back ms after the kill, $((back - (r - t))) ms after the revive began"
      kill "$WP"; wait "$WP" 2>/dev/null || true; WP=""
    fi
  fi
  if [ "$ONLY" != kill ]; then
    log=$WORK/switch$i.log; : >"$log"
    writer "$log" & WP=$!
    sleep 2
    t=$(ms)
    "$HA" switchover >/dev/null
    wait_back "$log" "$t" 60 || true
    read -r back gap fails <<<"$(outage "$log" "$t")"
    echo "switchover $i: writes back $back ms after the command; none succeeded for $gap ms ($fails failed)"
    switches+=("$gap")
    kill "$WP"; wait "$WP" 2>/dev/null || true; WP=""
  fi
done
summary "kill-primary" "${kills[@]}"
[ "${#switches[@]}" -eq 0 ] || printf '%s\n' "${switches[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "switchover: no write for median %.1f s, worst %.1f s (%d runs)\n", m / 1000, v[NR] / 1000, NR }'
