#!/usr/bin/env bash
# The decode example's output for every bundled document, fed whole and fed
# 1, 2, 7, 64 and 256 bytes at a time (--chunk N): stdout, stderr and the
# exit status must be byte-identical for every chunk size (issue 3).
#
#   scripts/decode-chunks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example decode
decode="${CARGO_TARGET_DIR:-target}/release/examples/decode"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=(tests/fixtures/valid/*.json tests/fixtures/invalid/*.json benches/data/*.json)
checked=0
for file in "${files[@]}"; do
  status=0
  "$decode" "$file" >"$work/whole.out" 2>"$work/whole.err" || status=$?
  for chunk in 1 2 7 64 256; do
    chunk_status=0
    "$decode" --chunk "$chunk" "$file" >"$work/chunk.out" 2>"$work/chunk.err" || chunk_status=$?
    if [[ $chunk_status -ne $status ]] || ! cmp -s "$work/whole.out" "$work/chunk.out" ||
      ! cmp -s "$work/whole.err" "$work/chunk.err"; then
      echo "decode-chunks: $file differs with --chunk $chunk (exit $chunk_status, whole $status)" >&2
      diff "$work/whole.err" "$work/chunk.err" >&2 || true
      exit 1
    fi
  done
  checked=$((checked + 1))
done
echo "decode-chunks: ${checked} documents give byte-identical output whole and with --chunk 1, 2, 7, 64, 256"
