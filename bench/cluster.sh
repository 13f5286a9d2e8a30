#!/usr/bin/env bash
# Cluster benchmark (docs/benchmarks.md, docs/operations.md#several-nodes): in one run, (a) the highest sustained ingest of one node
# unclustered and of the same node in a three-node cluster, and their ratio; (b) report on node A → alert
# frame on node B's screens, p50/p99; (c) kill -9 of the evaluator's node under load: time until every
# survivor's screen equals the store, and until the dead node's screens have a snapshot again via HAProxy.
# Needs PostgreSQL on 127.0.0.1:5432 (drops and creates database wf_bench_cluster) and haproxy.
# Usage: bench/cluster.sh [--step-s S] [--start-rate R] [--alerts N] [--screens PER_NODE] [--load R] [--warmup-s S] [--ingest 0|1]
# Node JVM options: BENCH_NODE_JVM (default -Xmx512m, as ingest.sh runs its one server with the JVM defaults).
source "$(dirname "$0")/lib.sh"
command -v haproxy >/dev/null || { echo "bench/cluster.sh needs haproxy (apt-get install haproxy)" >&2; exit 69; }

# The nodes run from target/classes on the same classpath as the benchmark, as the fault test runs them.
bench_run ClusterBench -Xms512m -Xmx512m -XX:+UseParallelGC "-Dwatchfloor.node.jvm=${BENCH_NODE_JVM:--Xmx512m}" -- "$@"
