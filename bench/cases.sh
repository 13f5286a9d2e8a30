#!/usr/bin/env bash
# The closed loop at district scale (docs/benchmarks.md#the-closed-loop): a generated district of 1,000 sites on
# PostgreSQL (the database watchfloor_case_bench, dropped and recreated), 5,000 open cases, 100 transitions/s
# through the API. Prints (a) a town's open-case list p99, (b) a transition reaching every console socket p99,
# (c) ingest beside the cases against ingest without them, each next to its baseline from the same run.
# Usage: bench/cases.sh [CONSOLES] [SECONDS] [WARMUP_SECONDS] [OPEN_CASES] [TRANSITIONS_PER_SECOND]
#        (default 50 30 60 5000 100)
source "$(dirname "$0")/lib.sh"
bench_package
bench_run CaseBench -Xms512m -Xmx512m -XX:+UseParallelGC -- "$@"
