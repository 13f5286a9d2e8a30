#!/usr/bin/env bash
# CPU per report of the rule evaluation, the outlier test, reading observedAt and reading a whole
# report, on one thread (best of 15 rounds). Seconds; no server, no database.
source "$(dirname "$0")/lib.sh"
bench_package
bench_run HotPathBench -Xms512m -Xmx512m -- "$@"
