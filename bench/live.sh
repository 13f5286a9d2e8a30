#!/usr/bin/env bash
# Fan-out benchmark (docs/benchmarks.md): alert latency, delta lag, deliveries per core, bytes per client and
# heap at 100 / 1,000 / 5,000 / 10,000 connected screens, against a WebSocket echo baseline.
# Usage: bench/live.sh [CLIENTS,CLIENTS,...] [REPORTS_PER_SECOND] [SECONDS_PER_STEP]
# BENCH_LIVE_WARMUP_S (default 90): the first step's load for that long first, unmeasured (the JIT settles in ~90 s)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xms1g -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.watchfloor.bench.LiveBench "$@"
