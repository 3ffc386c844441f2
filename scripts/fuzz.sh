#!/usr/bin/env bash
# Fuzzes the map reader, the history reader (with apply, undo, redo) and the CSV import with
# libFuzzer and AddressSanitizer. Usage: scripts/fuzz.sh [SECONDS] (default 60).
# New inputs that reach new code go to .build-fuzz/corpus; a crash is saved as crash-* in the
# current folder and replays with: swift run cjm-fuzz crash-… (an input slower than 10 s is
# saved as timeout-…: a slow read is a bug too)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
# Coverage as libFuzzer wants it and AddressSanitizer from the compiler; libFuzzer's driver
# without its own main (the target's main calls it: SwiftPM names an executable's entry point).
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
fuzzer=$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -n 1)
swift build -c release --product cjm-fuzz --scratch-path .build-fuzz -Xswiftc -DFUZZING -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp -Xlinker "$fuzzer" -Xlinker -lstdc++
mkdir -p .build-fuzz/corpus
cp -n Fuzz/corpus/* .build-fuzz/corpus/
.build-fuzz/release/cjm-fuzz .build-fuzz/corpus -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=10 \
  -dict=Fuzz/json.dict
