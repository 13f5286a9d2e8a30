#!/usr/bin/env bash
# Fan-out in a district: delta lag, bytes per town screen against the same screen in a one-town
# jurisdiction, server CPU per delivered frame, in a generated district of 1,000 sites in 20 towns.
# Usage: bench/district.sh [TOWNS] [SCREENS] [REPORTS_PER_SECOND] [SECONDS]   (default 20 200 400 30)
source "$(dirname "$0")/lib.sh"
bench_package
bench_run DistrictBench -Xms1g -Xmx1g -- "$@"
