#!/usr/bin/env bash
# CPU per report of the rule evaluation, the outlier test, reading observedAt and reading a whole
# report, on one thread (best of 15 rounds). Seconds; no server, no database.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xms512m -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.watchfloor.bench.HotPathBench "$@"
