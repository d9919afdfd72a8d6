#!/usr/bin/env bash
# Benchmarks of ftpd itself (ftpd/src/test/java/ftpdlab/bench); the load harness is client-harness/.
#   scripts/bench-ftpd.sh                  -> 64 MiB RETR, active and passive, vs raw loopback copies of the
#                                             same file (heap buffer, direct buffer, sendfile), interleaved rounds
#   scripts/bench-ftpd.sh parallel 32 1s   -> N parallel active downloads per strategy
#   scripts/bench-ftpd.sh idle [N] [-Xmx...] -> RSS of `java -jar ftpd/target/ftpd.jar` with N (1000) idle logged-in
#                                             sessions; options after N go to the server's JVM (default: none)
# Numbers on a busy machine are indicative only: run on a quiet one.
set -euo pipefail
cd "$(dirname "$0")/.."
main=ftpdlab.bench.TransferBenchmark
case "${1:-}" in
  parallel) main=ftpdlab.bench.ParallelActiveBenchmark; shift ;;
  idle) main=ftpdlab.bench.IdleSessionsBenchmark; shift ;;
esac
if [ "$main" = ftpdlab.bench.IdleSessionsBenchmark ]; then
  # Measures the jar a user runs, so build it from this checkout (test classes come with it).
  mvn -q -B -pl ftpd package -DskipTests
else
  mvn -q -B test-compile -pl ftpd
fi
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -q -B -pl ftpd dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
cp=$(cat "$cpfile")
java -cp "ftpd/target/classes:ftpd/target/test-classes:$cp" "$main" "$@"
