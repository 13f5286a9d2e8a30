#!/usr/bin/env bash
# Start-up benchmark (docs/benchmarks.md): time to readiness with a year of a busy town's history
# (12,020 reports a day) on PostgreSQL. Fills the database watchfloor_startup_bench once (a long first
# run; later runs only top it up to the present minute), then starts target/watchfloor.jar several times.
# Options: bench/startup.sh [--days 365] [--runs 5] [--refill] [--jar FILE] [--deploy] (--runs 0: fill only;
# --deploy: started by deploy/watchfloor.sh, so with its class-data archive once a first start has written it)
source "$(dirname "$0")/lib.sh"
bench_package
bench_run StartupBench -Xms256m -Xmx1g -- "$@"
