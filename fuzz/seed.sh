#!/usr/bin/env bash
# Build the seed corpus of every fuzz target under fuzz/corpus/<target>/
# (or $CORPUS_DIR/<target>/) from the test fixtures, the recorded Klaviyo
# responses and, for json_differential, JSONTestSuite. The corpus is not
# committed (fuzz/corpus is in .gitignore); run this again any time.
set -euo pipefail

fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$fuzz_dir")
shared=${SHARED_DIR:-$root/../shared}
corpus=${CORPUS_DIR:-$fuzz_dir/corpus}

mkdir -p "$corpus"/{decode,chunked,json_differential,roundtrip}

documents=()
while IFS= read -r -d '' file; do documents+=("$file"); done < <(
    find "$root/tests/fixtures" "$shared/fixtures/recorded" -name '*.json' -type f -print0 2>/dev/null | sort -z
)

# Names: a hash of the content, as libFuzzer names corpus files.
put() { # put <target> <file holding the input>
    local sum
    sum=$(sha1sum "$2" | cut -c1-40)
    mv -f "$2" "$corpus/$1/$sum"
}

# Each document compacted as well (whitespace outside strings removed, every
# other byte kept), so that its long skipped values, such as `included`, are
# read by the quote blocks, which pretty-printed text never reaches.
compact() { # compact <file> <out>
    python3 - "$1" "$2" <<'PY'
import sys
text = open(sys.argv[1], "rb").read()
out, in_string, escaped = bytearray(), False, False
for byte in text:
    if in_string:
        in_string = escaped or byte != 0x22
        escaped = not escaped and byte == 0x5C
    elif byte in b" \t\r\n":
        continue
    else:
        in_string = byte == 0x22
    out.append(byte)
open(sys.argv[2], "wb").write(out)
PY
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
compacted=()
for file in "${documents[@]}"; do
    out="$tmp/compact-${#compacted[@]}.json"
    compact "$file" "$out"
    if cmp -s "$file" "$out"; then rm "$out"; else compacted+=("$out"); fi
done
documents+=("${compacted[@]}")

n=0
for file in "${documents[@]}"; do
    n=$((n + 1))
    # decode, and roundtrip (any bytes drive its generator): the documents.
    cp "$file" "$tmp/d"; put decode "$tmp/d"
    cp "$file" "$tmp/r"; put roundtrip "$tmp/r"
    # json_differential: the document as the unknown member's value.
    cp "$file" "$tmp/j"; put json_differential "$tmp/j"
    # chunked: a split header (count, then sizes) before the document:
    # byte by byte; 7 and 13 bytes; an empty chunk then 5; 64 bytes.
    for header in '\x00' '\x02\x07\x0d' '\x02\x00\x05' '\x01\x40'; do
        { printf "$header"; cat "$file"; } > "$tmp/c"
        put chunked "$tmp/c"
    done
done

m=0
suite="$shared/conformance/JSONTestSuite/test_parsing"
if [ -d "$suite" ]; then
    for file in "$suite"/*.json; do
        m=$((m + 1))
        cp "$file" "$tmp/j"; put json_differential "$tmp/j"
    done
fi

for target in decode chunked json_differential roundtrip; do
    echo "seed: $target: $(find "$corpus/$target" -type f | wc -l) files in $corpus/$target"
done
echo "seed: from $n documents and $m JSONTestSuite files"
