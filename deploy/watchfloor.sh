#!/usr/bin/env bash
# Starts the server with memory bounds for a small box (2 cores, a few GiB), instead of the JVM's
# defaults (a heap of up to a quarter of the machine's memory, which it fills before it collects).
#
#   deploy/watchfloor.sh [--config FILE] [--demo]
#
# WATCHFLOOR_HEAP      maximum heap (default 512m, for the PostgreSQL store; the embedded store keeps up
#                      to store.memory.max-reports (500,000) reports on the heap: give it 1g or a lower bound)
# WATCHFLOOR_DIRECT    maximum direct (network buffer) memory (default 256m)
# WATCHFLOOR_JAVA_OPTS further JVM options, last, so they override these
# WATCHFLOOR_RUN_DIR   where the running copy of the jar is kept (default run/ beside target/)
# WATCHFLOOR_CDS       off: no class-data archive (below); the default uses one when it matches the jar
# README "Memory" says what the server holds at which load.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${WATCHFLOOR_JAR:-$ROOT/target/watchfloor.jar}
[ -f "$JAR" ] || { echo "watchfloor: $JAR is missing: build it first (mvn -B package -DskipTests)" >&2; exit 1; }

# The server runs a copy of the jar, named by its content, so that a build in place (which rewrites
# target/watchfloor.jar) never pulls classes out from under a running server. Older copies are unlinked:
# a server still running one keeps reading it through its open file, and the disk holds one copy.
RUN_DIR=${WATCHFLOOR_RUN_DIR:-$ROOT/run}
mkdir -p "$RUN_DIR"
RUN_JAR="$RUN_DIR/watchfloor-$(sha256sum "$JAR" | cut -c1-16).jar"
if [ ! -f "$RUN_JAR" ]; then
  cp "$JAR" "$RUN_JAR.tmp" && mv "$RUN_JAR.tmp" "$RUN_JAR"
fi
find "$RUN_DIR" -maxdepth 1 -name 'watchfloor-*' ! -name "$(basename "${RUN_JAR%.jar}")*" -delete

# AppCDS: the JVM maps the classes a start loads from an archive instead of reading, verifying and
# parsing them from the jar: about 30 % less CPU until ready (docs/benchmarks.md). The archive belongs to one
# copy of the jar (its path, size and time are recorded in it), so it is named after it. The first start
# of a jar writes its classes at exit (a stop by SIGTERM counts); the next start checks the new archive
# once with -Xshare:on, keeps it if it maps and deletes it if not (torn by a kill, or another jar), and
# from then on maps it. The check matters: given a torn archive, a Java 17 JVM aborts even with -Xshare:auto.
CDS_OPTS=()
if [ "${WATCHFLOOR_CDS:-on}" != off ]; then
  CDS="${RUN_JAR%.jar}.jsa"
  for dumped in "$CDS".*.new; do
    [ -f "$dumped" ] || continue
    pid=${dumped%.new}; pid=${pid##*.}
    kill -0 "$pid" 2>/dev/null && continue  # still running: it writes at its exit
    if [ ! -f "$CDS" ] && java -Xshare:on -XX:SharedArchiveFile="$dumped" -cp "$RUN_JAR" -version >/dev/null 2>&1; then
      mv "$dumped" "$CDS"
    else
      rm -f "$dumped"
    fi
  done
  if [ -f "$CDS" ]; then
    CDS_OPTS=(-XX:SharedArchiveFile="$CDS" -Xshare:auto)
  else
    # exec keeps this shell's pid for the JVM, so the name says which process writes it
    CDS_OPTS=(-XX:ArchiveClassesAtExit="$CDS.$$.new" -Xlog:cds=off,cds+dynamic=off)
  fi
fi

# G1 with a small starting heap: idle, the server stays small; under load it grows to the bound and
# no further. A pause goal of 20 ms (G1's default is 200 ms) against the 25 ms acknowledgement target.
# shellcheck disable=SC2086
exec java -Xms64m -Xmx"${WATCHFLOOR_HEAP:-512m}" -XX:MaxDirectMemorySize="${WATCHFLOOR_DIRECT:-256m}" \
  -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "${CDS_OPTS[@]}" ${WATCHFLOOR_JAVA_OPTS:-} -jar "$RUN_JAR" "$@"
