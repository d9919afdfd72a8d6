#!/usr/bin/env bash
# Benchmarks of ftpd itself (ftpd/src/test/java/ftpdlab/bench); the load harness is client-harness/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile -pl ftpd
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -q -B -pl ftpd dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
cp=$(cat "$cpfile")
# scripts/bench-ftpd.sh             -> 64 MiB RETR throughput vs a raw loopback copy
# scripts/bench-ftpd.sh parallel 32 1s -> N parallel active downloads per strategy
main=ftpdlab.bench.TransferBenchmark
if [ "${1:-}" = parallel ]; then main=ftpdlab.bench.ParallelActiveBenchmark; shift; fi
java -cp "ftpd/target/classes:ftpd/target/test-classes:$cp" "$main" "$@"
