#!/usr/bin/env bash
# What the skip path's quote bitmaps (src/lexer/quotes.rs) change, by the
# form of the text skipped: instructions per decode of the direct path on
# benches/data/included.json, whose 40 KB of included[] are all skipped, in
# three forms:
#   compact   as committed: compact, non-ASCII text written raw;
#   escaped   compact, non-ASCII text as \uXXXX escapes (json.dumps's default);
#   pretty    indented by 2, as Klaviyo's recorded responses are.
# Each is decoded by a build with the bitmaps and one without
# (RUSTFLAGS=--cfg=kbj_no_quote_blocks), under callgrind with 1 and with 11
# iterations, as scripts/instructions.sh does.
#
#   scripts/skip-forms.sh
#   scripts/skip-forms.sh --time [rounds]
#
# --time also runs criterion (`cargo bench --bench decode`, the direct path
# only, with BENCH_DOCUMENTS set to the three forms), the two builds in
# turn for each of 3 rounds unless given, and prints each form's median
# MB/s over the rounds (benches/report.py --save, then --versus).
# Respects CARGO_TARGET_DIR; the build without the bitmaps goes to
# <target>/no-quote-blocks. Needs valgrind and python3.
set -euo pipefail
export GLIBC_TUNABLES="${GLIBC_TUNABLES-glibc.cpu.x86_rep_movsb_threshold=4294967295}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
time_rounds=0
if [[ "${1:-}" == "--time" ]]; then
    time_rounds="${2:-3}"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
document = json.loads(Path("benches/data/included.json").read_text())
(out / "compact.json").write_bytes(Path("benches/data/included.json").read_bytes())
(out / "escaped.json").write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=True))
(out / "pretty.json").write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
PY

# shellcheck source=scripts/callgrind-common.sh
source scripts/callgrind-common.sh
with="$(instructions_binary "$target")"
without="$(instructions_binary "$target/no-quote-blocks" --cfg=kbj_no_quote_blocks)"

# per_decode <binary> <document>: instructions of one decode of the direct path.
per_decode() {
    local counts=()
    for iterations in 1 11; do
        callgrind_run "$work/out" "$1" "$2" klaviyo-bulk-job "$iterations"
        counts+=("$(callgrind_total "$work/out")")
    done
    echo $(((counts[1] - counts[0]) / 10))
}

printf '%-8s %7s %14s %17s %9s\n' form bytes "with bitmaps" "without bitmaps" ratio
for form in compact escaped pretty; do
    document="$work/$form.json"
    a="$(per_decode "$with" "$document")"
    b="$(per_decode "$without" "$document")"
    printf '%-8s %7d %14d %17d %9s\n' "$form" "$(wc -c <"$document")" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')"
done

if ((time_rounds == 0)); then
    exit 0
fi
documents="$work/compact.json:$work/escaped.json:$work/pretty.json"
for ((round = 1; round <= time_rounds; round++)); do
    for build in with without; do
        echo "criterion round $round of $time_rounds: $build bitmaps" >&2
        if [[ "$build" == with ]]; then dir="$target" flags=""; else dir="$target/no-quote-blocks" flags="--cfg=kbj_no_quote_blocks"; fi
        log="$work/$build$round.log"
        if ! BENCH_DOCUMENTS="$documents" RUSTFLAGS="$flags" CARGO_TARGET_DIR="$dir" cargo bench --bench decode -- \
            --warm-up-time 1 --measurement-time 3 '/klaviyo-bulk-job$' >"$log" 2>&1; then
            cat "$log" >&2
            exit 1
        fi
        CARGO_TARGET_DIR="$dir" python3 benches/report.py "$log" --save "$work/$build$round.json" >/dev/null
    done
done
echo
echo "Median MB/s (10^6 bytes/s) over $time_rounds rounds, before = without the bitmaps, after = with them:"
python3 benches/report.py --versus "$work"/without*.json -- "$work"/with[0-9]*.json
