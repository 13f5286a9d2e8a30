#!/usr/bin/env bash
# History reads benchmark (docs/api.md, docs/benchmarks.md): fills the database watchfloor_history_bench (dropped and
# recreated) with 30 days of a busy sample town through the production store, starts a server on the
# PostgreSQL store, and prints the median and maximum of 20 calls to each of series, rankings and
# compliance. Uses the PostgreSQL the tests use (-Dwatchfloor.test.pg, default 127.0.0.1:5432).
source "$(dirname "$0")/lib.sh"
bench_run HistoryBench -Xms256m -Xmx512m -- "$@"
