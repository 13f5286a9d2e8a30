#!/usr/bin/env bash
# Wall screen benchmark (docs/benchmarks.md): p95 frame time and long tasks in headless Chromium at 4 deltas/s
# with the whole sample town moving, and the JS heap over a simulated day run in a few real minutes.
# Needs Debian's chromium and chromium-driver (bin/test installs them). Options: bench/screen.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

# The classpath comes from Maven so the benchmark sees exactly the dependency versions the pom pins.
mvn -q -B test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/screen-bench.classpath

exec java -Xms256m -Xmx1g \
  -cp "target/test-classes:target/classes:$(cat target/screen-bench.classpath)" \
  io.watchfloor.bench.ScreenBench "$@"
