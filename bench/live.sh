#!/usr/bin/env bash
# Fan-out benchmark (docs/benchmarks.md): alert latency, delta lag, deliveries per core, bytes per client and
# heap at 100 / 1,000 / 5,000 / 10,000 connected screens, against a WebSocket echo baseline.
# Usage: bench/live.sh [CLIENTS,CLIENTS,...] [REPORTS_PER_SECOND] [SECONDS_PER_STEP]
# BENCH_JAR=FILE starts that server jar instead of target/watchfloor.jar (a before and after of a change)
# BENCH_LIVE_WARMUP_S (default 90): the first step's load for that long first, unmeasured (the JIT settles in ~90 s)
source "$(dirname "$0")/lib.sh"
bench_package
bench_run LiveBench -Xms1g -Xmx1g -- "$@"
