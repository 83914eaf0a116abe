#!/usr/bin/env bash
# Build the Cortex-M4 firmware, run it in QEMU (mps2-an386), decode its defmt
# log on the host, and measure it against serde-json-core.
#
#   examples/firmware/run.sh          from anywhere; CI calls it
#
# Installs what is missing: the thumbv7em-none-eabihf target,
# qemu-system-arm (apt), defmt-print (cargo install). Then:
#   1. ours:  the firmware with klaviyo-bulk-job: decodes, checks, measures
#             each decode's stack and instructions (QEMU -icount, qemu-run.sh)
#   2. sjc:   the same documents through serde-json-core
#   3. five "bare" builds (decode only, no checks or logs: ours and sjc for
#      every output shape and for one, and none), whose flash differences
#      are each decoder's share of flash
#   4. the ELFs link no allocator
#   5. the tables (stack, instructions, sizes, flash and RAM), and the budgets:
#        stack of every decode <= 1024 B and <= half of serde-json-core's,
#        status poll output + decoder state <= 1024 B,
#        decoder's share of flash <= 0.75 x serde-json-core's.
# Exits non-zero on a wrong result, a crash or hang (120 s per run), a linked
# allocator, or an exceeded budget. FIRMWARE_BUDGETS=warn reports budgets
# without failing on them. FIRMWARE_DEFAULT_CAPACITIES=1 also measures the
# stack with the crate's default capacities (JobDocument<100, 10, 3>).
# FIRMWARE_FAST_PATH=1 builds every klaviyo-bulk-job configuration with the
# crate's `fast-path` feature, to measure what it costs here (with
# FIRMWARE_BUDGETS=warn: it does not fit the budgets).
set -euo pipefail
cd "$(dirname "$0")"
start=$SECONDS
target=thumbv7em-none-eabihf
# Every build goes to this directory's target/, which the copies below read
# from: a CARGO_TARGET_DIR set elsewhere would send the builds away and
# leave an earlier run's ELFs to be measured.
export CARGO_TARGET_DIR="$PWD/target"
unset CARGO_BUILD_TARGET_DIR
out=target/measure
mkdir -p "$out"
# Every configuration is built to the same target/…/release/firmware and
# copied from there, so two runs at once could each copy the other's build
# (a bare build logs nothing and exits 0). One run at a time.
exec 9>target/run.lock
if ! flock -n 9; then
  echo "run.sh: another run holds target/run.lock; waiting for it" >&2
  flock 9
fi
# The report reads every log and ELF here: only this run's may be.
rm -f "$out"/*

step() { printf '\n==> %s\n' "$*"; }

step "tools"
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi
if ! command -v qemu-system-arm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y qemu-system-arm
fi
if ! command -v defmt-print >/dev/null; then
  cargo install defmt-print --locked
fi
export PATH="$HOME/.cargo/bin:$PATH"
qemu-system-arm --version | head -n1
defmt-print --version

# The panic locations the firmware links hold the path of each source file,
# which lies wherever its crate does: this checkout for klaviyo-bulk-job,
# Cargo's home for a crate from the registry. Both are remapped to fixed
# names, so that the sizes below do not depend on either. `--config` adds
# to the rustflags of .cargo/config.toml rather than replacing them.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
repository=$(cd ../.. && pwd)
remap="target.$target.rustflags = [\"--remap-path-prefix=$repository=klaviyo-bulk-job\", \"--remap-path-prefix=$cargo_home=cargo\"]"

# Build one configuration and keep its ELF as $out/NAME.elf.
build() {
  local name=$1
  shift
  cargo build --release --quiet --config "$remap" "$@"
  cp "target/$target/release/firmware" "$out/$name.elf"
}

# Run $out/NAME.elf in QEMU; its defmt log, decoded, goes to $out/NAME.log.
run() {
  local name=$1 status=0
  if ! grep -q 'RESULT PASS' "$out/$name.elf"; then
    echo "FAIL: $out/$name.elf has no RESULT log line: it is not the build asked for" >&2
    exit 1
  fi
  DEFMT_RAW="$out/$name.defmt" ./qemu-run.sh "$out/$name.elf" >"$out/$name.log" 2>&1 || status=$?
  grep -E 'RESULT|MISMATCH|PANIC|HARDFAULT|LIMIT' "$out/$name.log" || true
  if [[ $status -ne 0 ]] || ! grep -q 'RESULT PASS' "$out/$name.log"; then
    echo "FAIL: firmware '$name' exited with status $status (124: timed out); log: $out/$name.log" >&2
    tail -n 20 "$out/$name.log" >&2
    exit 1
  fi
}

# The crate's fast path, when asked for (see the top).
fast=()
if [[ ${FIRMWARE_FAST_PATH:-0} == 1 ]]; then
  fast=(--features fast-path)
fi

step "ours: klaviyo-bulk-job, whole and in 64-byte chunks"
build ours "${fast[@]}"
run ours
# An error's path reaches the host through its defmt::Format.
expected='ours whole unknown-status: Error { kind: UnknownStatus, offset: 81, path: "data.attributes.status" }'
if ! grep -qF "$expected" "$out/ours.log"; then
  echo "FAIL: the defmt log lacks: $expected" >&2
  exit 1
fi

step "sjc: serde-json-core"
build sjc --no-default-features --features serde-json-core
run sjc

if [[ ${FIRMWARE_DEFAULT_CAPACITIES:-0} == 1 ]]; then
  step "ours with the crate's default capacities"
  build ours-default --features default-capacities "${fast[@]}"
  run ours-default
fi

step "bare builds: the decoder's share of flash"
build ours-bare --features bare "${fast[@]}"
build sjc-bare --no-default-features --features serde-json-core,bare
build none-bare --no-default-features --features bare
build ours-one --features one-shape "${fast[@]}"
build sjc-one --no-default-features --features serde-json-core,one-shape
for name in ours-bare sjc-bare none-bare ours-one sjc-one; do
  FIRMWARE_TIMEOUT=60 ./qemu-run.sh "$out/$name.elf" >/dev/null 2>&1 || {
    echo "FAIL: bare firmware '$name' did not exit cleanly" >&2
    exit 1
  }
done

step "no allocator linked"
python3 measure.py no-alloc "$out"/*.elf

step "flash by crate and largest symbols of the bare builds (after inlining)"
for name in ours-bare sjc-bare; do
  echo "-- $name: by crate"
  python3 measure.py crates "$out/$name.elf" 8
  echo "-- $name: largest symbols"
  python3 measure.py top "$out/$name.elf" 10
done

step "measurements"
status=0
python3 measure.py report "$out" || status=$?
echo
echo "run.sh: $((SECONDS - start)) s"
exit "$status"
