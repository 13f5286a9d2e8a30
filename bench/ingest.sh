#!/usr/bin/env bash
# Durable ingest benchmark (docs/benchmarks.md): PostgreSQL's ceiling, the server's maximum sustained rate,
# and latency at 80 % of it. Starts its own server on the port in bench/application.json and
# drops/recreates the database named there. Options: bench/ingest.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

# Not offline: a fresh clone's Maven repository may lack the dependency plugin, which this fetches once.
mvn -q -B -DskipTests package
# The classpath comes from Maven so the benchmark sees exactly the dependency versions the pom pins.
mvn -q -B test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath

# A fixed heap keeps the generator's GC out of the way of the server it shares two cores with.
exec java -Xms512m -Xmx512m -XX:+UseParallelGC \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.watchfloor.bench.IngestBench "$@"
