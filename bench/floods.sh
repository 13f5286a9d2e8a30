#!/usr/bin/env bash
# Heavy reads beside a steady unit (docs/benchmarks.md): fills the database watchfloor_flood_bench (dropped and
# recreated) with 8 days of reports over the district's checkpoints, starts a server on PostgreSQL, and prints a
# unit's p50/p99 (one report every 200 ms) quiet, then beside floods of replays and of rule previews.
# Arguments: reports per day (default 12000), seconds per phase (default 30).
source "$(dirname "$0")/lib.sh"
bench_run FloodBench -Xms256m -Xmx1g -- "$@"
