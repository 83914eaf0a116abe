#!/usr/bin/env bash
# Criterion throughput of this checkout against an earlier commit, run in
# turn on the same machine, so that a change is not mistaken for the
# machine's drift between two separate sessions.
#
#   scripts/criterion-ab.sh <commit> [filter] [rounds]
#       e.g. scripts/criterion-ab.sh 0d1784a 'included/klaviyo-bulk-job$' 3
#
# Each round runs `cargo bench --bench decode -- --warm-up-time 1
# --measurement-time 3 <filter>` on <commit> (a git worktree in a temporary
# directory, with its own target directory), then on this checkout, and
# saves each run's medians with benches/report.py. At the end
# `report.py --versus` prints each figure's median over the rounds, for
# both builds, and after / before. The filter is criterion's (a regex over
# `<document>/<parser>`); without one, every benchmark runs, about two
# minutes a run. Respects CARGO_TARGET_DIR for this checkout. Run it on a
# quiet machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
commit="${1:?usage: $0 <commit> [filter] [rounds]}"
filter="${2:-}"
rounds="${3:-3}"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --quiet --detach "$work/before" "$commit"

targets=("$work/target" "${CARGO_TARGET_DIR:-$root/target}")
trees=("$work/before" "$root")
names=(before after)
for ((round = 1; round <= rounds; round++)); do
    for side in 0 1; do
        echo "round $round of $rounds: ${names[$side]}" >&2
        log="$work/${names[$side]}$round.log"
        if ! (cd "${trees[$side]}" && CARGO_TARGET_DIR="${targets[$side]}" cargo bench --bench decode -- \
            --warm-up-time 1 --measurement-time 3 ${filter:+"$filter"} >"$log" 2>&1); then
            cat "$log" >&2
            exit 1
        fi
        CARGO_TARGET_DIR="${targets[$side]}" python3 benches/report.py "$log" \
            --save "$work/${names[$side]}$round.json" >/dev/null
    done
done

echo "Median MB/s over $rounds rounds: before = $commit, after = this checkout ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', modified'))"
python3 benches/report.py --versus "$work"/before*.json -- "$work"/after*.json
