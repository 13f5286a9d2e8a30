#!/usr/bin/env bash
# Wall screen benchmark (docs/benchmarks.md): p95 frame time and long tasks in headless Chromium at 4 deltas/s
# with the whole sample town moving, and the JS heap over a simulated day run in a few real minutes.
# Needs Debian's chromium and chromium-driver (bin/setup installs them). Options: bench/screen.sh --help
source "$(dirname "$0")/lib.sh"
bench_run ScreenBench -Xms256m -Xmx1g -- "$@"
