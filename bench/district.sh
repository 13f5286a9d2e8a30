#!/usr/bin/env bash
# Fan-out in a district: delta lag, bytes per town screen against the same screen in a one-town
# jurisdiction, server CPU per delivered frame, in a generated district of 1,000 sites in 20 towns.
# Usage: bench/district.sh [TOWNS] [SCREENS] [REPORTS_PER_SECOND] [SECONDS]   (default 20 200 400 30)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xms1g -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.watchfloor.bench.DistrictBench "$@"
