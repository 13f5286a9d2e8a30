#!/usr/bin/env bash
# History reads benchmark (docs/api.md, docs/benchmarks.md): fills the database watchfloor_history_bench (dropped and
# recreated) with 30 days of a busy sample town through the production store, starts a server on the
# PostgreSQL store, and prints the median and maximum of 20 calls to each of series, rankings and
# compliance. Uses the PostgreSQL the tests use (-Dwatchfloor.test.pg, default 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."

# The classpath comes from Maven so the benchmark sees exactly the dependency versions the pom pins.
mvn -q -B test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/history-bench.classpath

exec java -Xms256m -Xmx512m \
  -cp "target/test-classes:target/classes:$(cat target/history-bench.classpath)" \
  io.watchfloor.bench.HistoryBench "$@"
