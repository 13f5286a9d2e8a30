#!/usr/bin/env bash
# Durable ingest benchmark (docs/benchmarks.md): PostgreSQL's ceiling, the server's maximum sustained rate,
# and latency at 80 % of it. Starts its own server on the port in bench/application.json and
# drops/recreates the database named there. Options: bench/ingest.sh --help
source "$(dirname "$0")/lib.sh"
bench_package
# A fixed heap keeps the generator's GC out of the way of the server it shares two cores with.
bench_run IngestBench -Xms512m -Xmx512m -XX:+UseParallelGC -- "$@"
