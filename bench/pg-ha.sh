#!/usr/bin/env bash
# Data tier benchmark (docs/benchmarks.md#data-tier): in one run, (a) ingest through HAProxy to a primary with one
# synchronous standby (two nodes, as deploy/pg-ha.sh starts them), against the same server on a plain database
# of the PostgreSQL on 5432, in alternating windows, as a ratio (target ≥ 70 %); (b) the primary killed under
# load N times on a tier of three nodes (with two and synchronous_mode_strict, writes wait for the killed node
# to come back): the time without a primary (median and worst; target worst ≤ 15 s), acknowledged reports lost
# or stored twice (target 0), and the time until every screen equals the store. Each tier is deploy/pg-ha.sh's,
# on free ports and in a temporary state directory, stopped and removed at the end; needs root (the nodes run
# as postgres) and Debian's patroni, etcd-server, haproxy, pgbackrest and postgresql-15. Drops and creates
# database wf_bench_pg_ha on 5432.
# Usage: bench/pg-ha.sh [--kills N] [--load R] [--screens N] [--window-s S] [--windows N] [--warmup-s S] [--loops N]
#                       [--nodes 2|3] [--ingest-nodes 2|3] [--strict 0|1]   (defaults 5 200 2 20 2 60 64 3 2 1)
# Server JVM options: BENCH_NODE_JVM (default -Xmx512m), the same for both servers.
source "$(dirname "$0")/lib.sh"
[ -x deploy/pg-ha.sh ] || [ -f deploy/pg-ha.sh ] || { echo "bench/pg-ha.sh needs deploy/pg-ha.sh" >&2; exit 69; }

# The servers run from target/classes on the benchmark's classpath, as PgFailoverTest runs them.
bench_run PgHaBench -Xms256m -Xmx512m "-Dwatchfloor.node.jvm=${BENCH_NODE_JVM:--Xmx512m}" -- "$@"
