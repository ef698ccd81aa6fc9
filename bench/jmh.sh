#!/usr/bin/env bash
# Runs the JMH microbenchmarks in bench/src/test (s3pump-sigv4 vs the AWS SDK v2 signer, aws-chunked throughput).
# JMH and the SDK are test-scope dependencies of bench, so they never reach the CLI's class path.
#
#   bench/jmh.sh                         # defaults below
#   bench/jmh.sh SignerBenchmark -prof gc -f 1 -wi 3 -i 5 -w 2s -r 2s
#   bench/jmh.sh -h                      # JMH's own options
#   bench/jmh.sh --cpu-time [rounds] [ops-per-round]
#                                        # signer vs SDK by thread CPU time, interleaved: steadier on a busy box
#
# Benchmarks measure CPU: run them on a quiet machine (other builds or benchmarks skew the numbers).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/jdk25.sh

cp_file="$root/bench/target/jmh-classpath.txt"
# Compile sigv4, client and bench (main + test, which runs JMH's annotation processor), then write bench's test
# class path. Reactor order puts bench last, so its class path is the one left in the file.
mvn -B -q -pl bench -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"

classpath="$root/bench/target/test-classes:$root/bench/target/classes:$(cat "$cp_file")"
if [ "${1:-}" = "--cpu-time" ]; then
    shift
    exec java -cp "$classpath" io.s3pump.bench.jmh.SignerCpuTime "$@"
fi
if [ "$#" -eq 0 ]; then
    set -- -prof gc -f 1 -wi 3 -i 5 -w 2s -r 2s
fi
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
