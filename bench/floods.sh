#!/usr/bin/env bash
# Heavy reads beside a steady unit (docs/benchmarks.md): fills the database watchfloor_flood_bench (dropped and
# recreated) with 8 days of reports over the district's checkpoints, starts a server on PostgreSQL, and prints a
# unit's p50/p99 (one report every 200 ms) quiet, then beside floods of replays and of rule previews.
# Arguments: reports per day (default 12000), seconds per phase (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."

# The classpath comes from Maven so the benchmark sees exactly the dependency versions the pom pins.
mvn -q -B test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/floods-bench.classpath

exec java -Xms256m -Xmx1g \
  -cp "target/test-classes:target/classes:$(cat target/floods-bench.classpath)" \
  io.watchfloor.bench.FloodBench "$@"
