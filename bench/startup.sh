#!/usr/bin/env bash
# Start-up benchmark (docs/benchmarks.md): time to readiness with a year of a busy town's history
# (12,020 reports a day) on PostgreSQL. Fills the database watchfloor_startup_bench once (a long first
# run; later runs only top it up to the present minute), then starts target/watchfloor.jar several times.
# Options: bench/startup.sh [--days 365] [--runs 5] [--refill] [--jar FILE] (--runs 0: fill only)
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -DskipTests package
# The classpath comes from Maven so the benchmark sees exactly the dependency versions the pom pins.
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath

exec java -Xms256m -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.watchfloor.bench.StartupBench "$@"
