#!/usr/bin/env bash
# CI smoke pass of the fuzz targets: install cargo-fuzz if missing, seed the
# corpus, then run every target for FUZZ_SECONDS (default 30) on nightly with
# the dictionary. Any crash, timeout, out-of-memory or disagreement (a
# failed check panics) makes libFuzzer exit non-zero, and so this script.
# Inputs that fail are left in fuzz/artifacts/<target>/.
set -euo pipefail

fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$fuzz_dir"
seconds=${FUZZ_SECONDS:-30}
toolchain=${FUZZ_TOOLCHAIN:-nightly}
targets=(decode chunked json_differential roundtrip)

if ! cargo "+$toolchain" --version >/dev/null 2>&1; then
    echo "smoke: the $toolchain toolchain is missing (cargo-fuzz needs nightly for the sanitizer flags)" >&2
    exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "smoke: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

./seed.sh
cargo "+$toolchain" fuzz build

for target in "${targets[@]}"; do
    echo "smoke: $target for ${seconds}s"
    mkdir -p "artifacts/$target"
    log="artifacts/$target/smoke.log"
    if ! cargo "+$toolchain" fuzz run "$target" "corpus/$target" -- \
        -dict=json.dict -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "smoke: $target FAILED (log: fuzz/$log, inputs: fuzz/artifacts/$target/)" >&2
        exit 1
    fi
    grep -E '^(Done|stat::number_of_executed_units)' "$log" | sed "s/^/smoke: $target: /"
done
echo "smoke: all ${#targets[@]} targets passed"
