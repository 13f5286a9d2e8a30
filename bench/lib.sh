# Sourced by the bench scripts: strict mode, the repository root as the working directory, and the one way a
# benchmark class starts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The server jar, for the benchmarks that start it. Not offline: a fresh clone's Maven repository may lack the
# dependency plugin, which the next step fetches once.
bench_package() {
  mvn -q -B -DskipTests package
}

# bench_run MAIN [JVM OPTION...] -- [ARGUMENT...]: io.watchfloor.bench.MAIN on the test classpath. The classpath
# comes from Maven so the benchmark sees exactly the dependency versions the pom pins; each benchmark has its
# own classpath file, so two can be started at once.
bench_run() {
  local main=$1 jvm=()
  shift
  while [[ $# -gt 0 && $1 != -- ]]; do
    jvm+=("$1")
    shift
  done
  [[ $# -gt 0 ]] && shift
  local classpath="target/bench-$main.classpath"
  mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
  exec java "${jvm[@]}" -cp "target/test-classes:target/classes:$(cat "$classpath")" "io.watchfloor.bench.$main" "$@"
}
