#!/usr/bin/env bash
# Criterion medians from several runs in a row (issue 5): the tables of the
# last run, then how far each figure of the earlier runs lies from it,
# which target's verdict is not the same in every run, and (from three
# runs) each ratio's median over the runs.
#
#   scripts/criterion-runs.sh [runs]     # 3 unless given
#
# Each run is `cargo bench --bench decode -- --warm-up-time 1
# --measurement-time 3`, about two minutes; benches/report.py reads it as
# soon as it ends, since criterion keeps only the last run's files.
# Respects CARGO_TARGET_DIR. Run it on a quiet machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

saved=()
for ((run = 1; run <= runs; run++)); do
    echo "criterion run $run of $runs" >&2
    if ! cargo bench --bench decode -- --warm-up-time 1 --measurement-time 3 >"$work/log$run" 2>&1; then
        cat "$work/log$run" >&2
        exit 1
    fi
    python3 benches/report.py "$work/log$run" --save "$work/run$run.json" >"$work/report$run"
    saved+=("$work/run$run.json")
done

echo "Run $runs of $runs:"
cat "$work/report$runs"
echo
python3 benches/report.py --compare "${saved[@]}"
