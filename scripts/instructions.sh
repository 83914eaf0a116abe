#!/usr/bin/env bash
# Instruction counts per byte for each reference document and each parser
# (issue 5): a measure that a noisy or shared machine does not disturb.
#
#   scripts/instructions.sh                 # the full table
#   scripts/instructions.sh full list       # only these documents
#   scripts/instructions.sh --profile full [parser] [iterations]
#                                           # callgrind_annotate of one row
#   scripts/instructions.sh --chunk-cost [documents]
#                                           # what a feed costs, and a cut token
#
# It builds the `instructions` bench binary (bench profile: optimised, with
# debug info) and runs it under `valgrind --tool=callgrind` with 1 and with
# 11 iterations. The difference divided by 10 is the cost of one decode,
# without the setup (reading the file, allocating the outputs, the check that
# the parser decodes the document). Instructions per byte = that cost divided
# by the document's length. A parser that cannot decode a document shows
# FAILED, and its error is printed below the table.
#
# Copies: glibc copies more than a few KB with `rep movsb`, one instruction
# on the CPU that callgrind counts once for every byte it moves. So every
# run sets glibc's `rep movsb` threshold out of reach, and each copy runs as
# the vector loop glibc uses for smaller ones, about 0.1 instruction a byte,
# each one counted as the CPU runs it. The table also gives each decode's
# instructions in memcpy and memmove.
#
# Respects CARGO_TARGET_DIR. Needs valgrind (and callgrind_annotate for
# --profile).
set -euo pipefail
# `GLIBC_TUNABLES= scripts/instructions.sh` keeps glibc's own threshold.
export GLIBC_TUNABLES="${GLIBC_TUNABLES-glibc.cpu.x86_rep_movsb_threshold=4294967295}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

parsers=(klaviyo-bulk-job klaviyo-bulk-job/chunks-64 serde-json-core serde_json serde_json-validate simd-json)
all_documents=(small full list included)

# shellcheck source=scripts/callgrind-common.sh
source scripts/callgrind-common.sh
binary="$(instructions_binary)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# ir <document> <parser> <iterations>: total instructions of one run, or
# FAILED (its error saved in $work/error).
ir() {
    local out="$work/callgrind.out"
    if ! callgrind_run "$out" "$binary" "$1" "$2" "$3"; then
        if grep -q '^FAILED' "$out.stdout"; then
            sed 's/^FAILED: //' "$out.stdout" >"$work/error"
        else
            cat "$out.stdout" "$out.stderr" >"$work/error"
        fi
        echo FAILED
        return
    fi
    local total copied
    total=$(callgrind_total "$out")
    copied=$(callgrind_annotate --inclusive=no --auto=no --threshold=100 "$out" 2>/dev/null |
        awk '/file:function/ { table = 1; next }
             table && /^ *[0-9,]+ / && /mem(cpy|move)/ { count = $1; gsub(",", "", count); sum += count }
             END { print sum + 0 }')
    echo "$total $copied"
}

if [[ "${1:-}" == "--profile" ]]; then
    document="${2:?usage: $0 --profile <document> [parser] [iterations]}"
    parser="${3:-klaviyo-bulk-job}"
    iterations="${4:-200}"
    out="$work/profile.out"
    if ! callgrind_run "$out" "$binary" "$document" "$parser" "$iterations"; then
        cat "$out.stdout" "$out.stderr" >&2
        exit 1
    fi
    total=$(callgrind_total "$out")
    echo "callgrind: $document × $parser × $iterations iterations, $total Ir in all (setup included)"
    echo
    echo "Exclusive Ir by function (code inlined into a function counts for it):"
    callgrind_annotate --inclusive=no --auto=no --threshold=100 --show-percs=no "$out" 2>/dev/null |
        awk -v total="$total" '
            /file:function/ { table = 1; next }
            table && /^ *[0-9,]+  [^ ]/ {
                count = $1; gsub(",", "", count)
                name = $0; sub(/^ *[0-9,]+  /, "", name); sub(/ \[.*\]$/, "", name)
                sub(/^[^:]*:/, "", name)
                cost[name] += count
            }
            END { for (name in cost) printf "%12d %5.1f%%  %s\n", cost[name], 100 * cost[name] / total, name }' |
        sort -rn | head -n 25 || true # head may close the pipe early
    echo
    echo "Hottest source lines of src/ (exclusive Ir):"
    callgrind_annotate --auto=yes --context=0 --threshold=100 --show-percs=no "$out" 2>/dev/null |
        awk -v total="$total" '
            /^-- Auto-annotated source: / { file = $4; next }
            /^-- line [0-9]+ / { line = $3; next }
            file ~ /^src\// && /^ *[0-9,]+ / {
                count = $1; gsub(",", "", count)
                code = $0; sub(/^ *[0-9,]+ +/, "", code)
                if (code ~ /^=>/ || code ~ /events annotated/) next
                printf "%12d %5.1f%%  %s:%d  %s\n", count, 100 * count / total, file, line, substr(code, 1, 90)
                line++
                next
            }
            /^ *\. / { line++ }' |
        sort -rn | head -n 40 || true
    exit 0
fi

# per_decode <document> <parser>: instructions of one decode, then the number
# of pieces it was fed in.
per_decode() {
    local one eleven
    one=$(ir "$1" "$2" 1)
    if [[ "$one" == FAILED ]]; then
        echo "$1/$2 failed: $(cat "$work/error")" >&2
        exit 1
    fi
    eleven=$(ir "$1" "$2" 11)
    echo "$(((${eleven% *} - ${one% *}) / 10)) $(sed -n 's/^feeds: //p' "$work/callgrind.out.stdout")"
}

if [[ "${1:-}" == "--chunk-cost" ]]; then
    shift
    documents=("$@")
    [[ ${#documents[@]} -gt 0 ]] || documents=("${all_documents[@]}")
    echo "What a feed costs: the streaming decoder in chunks against the streaming decoder given the whole"
    echo "buffer in one feed (streaming-whole; 'direct' is decode_job's fast path), in instructions (callgrind)."
    echo "  at tokens: chunks of at least 64 bytes that end between two tokens, so none is cut;"
    echo "  64-byte:   the chunks-64 row, where about one token a chunk is cut;"
    echo "  per feed:  (chunked - whole) / (feeds - 1);"
    echo "  budget:    what a 64-byte chunk may add for chunks-64 / streaming-whole <= 1.15;"
    echo "  direct:    the same against the direct path (0.15 x direct x 64 / bytes), which the target compares"
    echo "             with: what a feed may add even to a streaming decoder as fast as the direct path;"
    echo "  256, 1024: chunked / whole in chunks of that many bytes, a firmware's receive buffer."
    echo
    printf "%-10s %7s %9s %9s | %6s %9s %9s | %6s %9s %9s | %9s %6s | %6s %6s\n" document bytes direct whole \
        feeds "at tokens" "per feed" feeds 64-byte "per feed" budget direct 256 1024
    for document in "${documents[@]}"; do
        bytes=$(wc -c <"benches/data/$document.json")
        # An assignment, so that a failed decode stops the script (set -e).
        result=$(per_decode "$document" klaviyo-bulk-job)
        read -r direct _ <<<"$result"
        result=$(per_decode "$document" klaviyo-bulk-job/streaming-whole)
        read -r whole _ <<<"$result"
        result=$(per_decode "$document" klaviyo-bulk-job/chunks-64-at-tokens)
        read -r tokens token_feeds <<<"$result"
        result=$(per_decode "$document" klaviyo-bulk-job/chunks-64)
        read -r chunks chunk_feeds <<<"$result"
        result=$(per_decode "$document" klaviyo-bulk-job/chunks-256)
        read -r chunks256 _ <<<"$result"
        result=$(per_decode "$document" klaviyo-bulk-job/chunks-1024)
        read -r chunks1024 _ <<<"$result"
        awk -v doc="$document" -v bytes="$bytes" -v direct="$direct" -v whole="$whole" -v tokens="$tokens" \
            -v tf="$token_feeds" -v chunks="$chunks" -v cf="$chunk_feeds" -v c256="$chunks256" -v c1024="$chunks1024" 'BEGIN {
                printf "%-10s %7d %9d %9d | %6d %9d %9.0f | %6d %9d %9.0f | %9.0f %6.0f | %6.3f %6.3f\n", doc, bytes,
                    direct, whole, tf, tokens, (tokens - whole) / (tf - 1), cf, chunks, (chunks - whole) / (cf - 1),
                    0.15 * whole * 64 / bytes, 0.15 * direct * 64 / bytes, c256 / whole, c1024 / whole
            }'
    done
    exit 0
fi

documents=("$@")
[[ ${#documents[@]} -gt 0 ]] || documents=("${all_documents[@]}")

results="$work/results"
: >"$results"
failures=()
for document in "${documents[@]}"; do
    bytes=$(wc -c <"benches/data/$document.json")
    for parser in "${parsers[@]}"; do
        one=$(ir "$document" "$parser" 1)
        if [[ "$one" == FAILED ]]; then
            echo "$document $parser $bytes FAILED" >>"$results"
            failures+=("$document/$parser: $(tr '\n' ' ' <"$work/error")")
            continue
        fi
        eleven=$(ir "$document" "$parser" 11)
        echo "$document $parser $bytes ${one% *} ${eleven% *} ${one#* } ${eleven#* }" >>"$results"
    done
done

echo "Instructions per byte: (Ir(11 runs) - Ir(1 run)) / 10 / bytes, callgrind, $(valgrind --version)"
echo
awk -v parsers="${parsers[*]}" '
    BEGIN { n = split(parsers, order, " ") }
    {
        key = $1 SUBSEP $2
        bytes[$1] = $3
        if ($4 == "FAILED") { ipb[key] = "FAILED" }
        else {
            per_decode[key] = ($5 - $4) / 10; ipb[key] = per_decode[key] / $3
            copied[key] = ($7 - $6) / 10
        }
        if (!($1 in seen)) { seen[$1] = 1; docs[++d] = $1 }
    }
    # One table: per byte (ipb), per decode, or per decode in memcpy and
    # memmove (per_byte 0, 1 or 2).
    function table(per_byte,    i, p, doc, v) {
        printf "%-10s %7s", "document", "bytes"
        for (p = 1; p <= n; p++) printf " %14s", short(order[p])
        printf "\n"
        for (i = 1; i <= d; i++) {
            doc = docs[i]
            printf "%-10s %7d", doc, bytes[doc]
            for (p = 1; p <= n; p++) {
                v = ipb[doc, order[p]]
                if (v == "FAILED") printf " %14s", "FAILED"
                else if (per_byte == 1) printf " %14.2f", v
                else if (per_byte == 2) printf " %14d", copied[doc, order[p]]
                else printf " %14d", per_decode[doc, order[p]]
            }
            printf "\n"
        }
    }
    END {
        table(1)
        printf "\nInstructions per decode:\n"
        table(0)
        printf "\nOf which in memcpy and memmove:\n"
        table(2)
        printf "\nklaviyo-bulk-job against each peer (peer instructions / klaviyo-bulk-job instructions; targets: serde-json-core >= 5, serde_json >= 3, serde_json-validate >= 1; chunks-64 / whole <= 1.15):\n"
        ratios()
    }
    function ratios(    i, p, doc, base, v, c) {
        printf "%-10s", "document"
        for (p = 3; p <= n; p++) printf " %14s", short(order[p])
        printf " %14s\n", "chunks/whole"
        for (i = 1; i <= d; i++) {
            doc = docs[i]
            base = cost(doc, order[1])
            printf "%-10s", doc
            for (p = 3; p <= n; p++) {
                v = cost(doc, order[p])
                if (v == "FAILED" || base == "FAILED") printf " %14s", "-"
                else printf " %13.2fx", v / base
            }
            c = cost(doc, order[2])
            if (c == "FAILED" || base == "FAILED") printf " %14s\n", "-"
            else printf " %14.3f\n", c / base
        }
    }
    # Instructions of one decode, or FAILED.
    function cost(doc, parser) {
        return ipb[doc, parser] == "FAILED" ? "FAILED" : per_decode[doc, parser]
    }
    function short(name) { return name == "klaviyo-bulk-job/chunks-64" ? "kbj/chunks-64" : name == "klaviyo-bulk-job" ? "klaviyo-bulk-job" : name }
' "$results"

if [[ ${#failures[@]} -gt 0 ]]; then
    echo
    echo "Failed (not measured):"
    printf '  %s\n' "${failures[@]}"
fi
