#!/usr/bin/env bash
# Cargo's runner for thumbv7em-none-eabihf: boot the ELF in QEMU's
# mps2-an386 (Cortex-M4F) with semihosting, and decode its defmt log on the
# host with defmt-print. `-icount shift=0` makes the virtual clock count
# guest instructions, 1 ns each, for the firmware's instruction counts
# (src/instructions.rs). Exits with the firmware's own exit status
# (semihosting `exit`), or 124 if it runs longer than FIRMWARE_TIMEOUT
# seconds (default 120).
#
#   qemu-run.sh ELF [defmt-print options…]
#
# Set DEFMT_RAW=FILE to also keep the raw defmt byte stream.
set -euo pipefail
elf=$1
shift
raw=${DEFMT_RAW:-$(mktemp)}
status=0
timeout "${FIRMWARE_TIMEOUT:-120}" \
  qemu-system-arm -machine mps2-an386 -cpu cortex-m4 -nographic -icount shift=0 \
    -semihosting-config enable=on,target=native -kernel "$elf" >"$raw" || status=$?
if command -v defmt-print >/dev/null; then
  defmt-print -e "$elf" "$@" <"$raw" || { [[ $status -ne 0 ]] || status=1; }
else
  echo "qemu-run.sh: defmt-print not found (cargo install defmt-print); raw defmt log in $raw" >&2
fi
[[ -n ${DEFMT_RAW:-} ]] || rm -f "$raw"
exit "$status"
