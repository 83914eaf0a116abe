# Sourced by scripts/instructions.sh and scripts/skip-forms.sh: building the
# `instructions` bench binary, and counting a run's instructions with
# callgrind. Both scripts count one decode as (the run with 11 iterations -
# the run with 1) / 10, so the setup (reading the file, allocating the
# outputs, the first check) drops out.

# instructions_binary [target dir [rustflags]]: build the `instructions` bench
# binary (bench profile: optimised, with debug info) and print its path; on
# failure, print cargo's errors and return 1. Without arguments, the build
# takes CARGO_TARGET_DIR and RUSTFLAGS from the environment.
instructions_binary() {
    local build=(cargo bench --bench instructions --no-run) path
    if (($#)); then
        build=(env CARGO_TARGET_DIR="$1" RUSTFLAGS="${2:-}" "${build[@]}")
    fi
    path="$("${build[@]}" --message-format=json 2>/dev/null |
        sed -n 's/.*"target":{[^}]*"name":"instructions"[^}]*}.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)"
    if [[ -z "$path" || ! -x "$path" ]]; then
        echo "could not build the instructions bench binary" >&2
        "${build[@]}" >&2
        return 1
    fi
    echo "$path"
}

# callgrind_run <out file> <binary> <document> <parser> <iterations>: run the
# binary under callgrind, its output in <out file>.stdout and .stderr; the
# binary's exit status.
callgrind_run() {
    local out="$1"
    shift
    valgrind --tool=callgrind --callgrind-out-file="$out" --dump-instr=no "$@" >"$out.stdout" 2>"$out.stderr"
}

# callgrind_total <out file>: the instructions a callgrind run counted.
callgrind_total() {
    awk '/^totals:/ { print $2 }' "$1"
}
