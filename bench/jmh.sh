#!/usr/bin/env bash
# Runs the engine's JMH micro-benchmarks with the allocation profiler.
# Usage: bench/jmh.sh [JMH args...]   e.g. bench/jmh.sh RecorderBenchmark -f 1
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/jmh/target/benchmarks.jar"
(cd "$root" && ./mvnw -B -q -DskipTests -pl bench/jmh -am package)
exec java -jar "$jar" -prof gc "$@"
