#!/usr/bin/env python3
"""Tables from the last `cargo bench --bench decode` run: median throughput
per document and parser, and the ratio of klaviyo-bulk-job to each peer.

    cargo bench --bench decode 2>&1 | tee bench.txt
    python3 benches/report.py bench.txt

It reads criterion's `<target>/criterion/<document>/<parser>/new/` files
(the target directory is $CARGO_TARGET_DIR, or `target/`). The bench log is
optional: given, its `FAILED` lines mark the rows that were not measured,
and only the rows it shows measured are read (not results left from an
earlier run).

MB/s is 10^6 bytes per second, from criterion's median time per iteration.
"""

import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ["small", "full", "list", "included"]
PARSERS = [
    "klaviyo-bulk-job",
    "klaviyo-bulk-job/chunks-64",
    "serde-json-core",
    "serde_json",
    "serde_json-validate",
    "simd-json",
]
PEERS = PARSERS[2:]
TARGETS = {"serde-json-core": 5.0, "serde_json": 3.0, "serde_json-validate": 1.0}


def main():
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    criterion = target / "criterion"
    failed = {}
    measured = None
    if len(sys.argv) > 1:
        lines = Path(sys.argv[1]).read_text().splitlines()
        measured = set()
        for index, line in enumerate(lines):
            match = re.match(r"(\S+?): FAILED, not measured: (.*)", line)
            if match:
                failed[match.group(1)] = match.group(2)
            match = re.match(r"(\S+/\S+)(\s+time:|$)", line)
            if match and (match.group(2) or index + 1 < len(lines) and "time:" in lines[index + 1]):
                measured.add(match.group(1))

    mbps = {}
    for document in DOCUMENTS:
        for parser in PARSERS:
            full_id = f"{document}/{parser}"
            if full_id in failed or measured is not None and full_id not in measured:
                continue
            directory = criterion / document / parser.replace("/", "_") / "new"
            try:
                estimates = json.loads((directory / "estimates.json").read_text())
                benchmark = json.loads((directory / "benchmark.json").read_text())
            except FileNotFoundError:
                continue
            median_ns = estimates["median"]["point_estimate"]
            mbps[full_id] = benchmark["throughput"]["Bytes"] / median_ns * 1e3

    width = 21
    print("Median throughput, MB/s (10^6 bytes/s), criterion:")
    print(f"{'document':<10}" + "".join(f"{short(p):>{width}}" for p in PARSERS))
    for document in DOCUMENTS:
        cells = []
        for parser in PARSERS:
            value = mbps.get(f"{document}/{parser}")
            cells.append(f"{value:>{width}.0f}" if value else f"{cell_gap(document, parser, failed):>{width}}")
        print(f"{document:<10}" + "".join(cells))

    print()
    print("klaviyo-bulk-job speed / peer speed (targets: serde-json-core >= 5, serde_json >= 3,")
    print("serde_json-validate >= 1); chunks-64 speed / whole-buffer speed (target >= 1/1.15 = 0.87):")
    print(f"{'document':<10}" + "".join(f"{short(p):>{width}}" for p in PEERS) + f"{'chunks/whole':>{width}}")
    for document in DOCUMENTS:
        ours = mbps.get(f"{document}/klaviyo-bulk-job")
        cells = []
        for parser in PEERS:
            theirs = mbps.get(f"{document}/{parser}")
            if ours and theirs:
                ratio = ours / theirs
                mark = "" if parser not in TARGETS or ratio >= TARGETS[parser] else " !"
                cells.append(f"{ratio:>{width - len(mark) - 1}.2f}x{mark}")
            else:
                cells.append(f"{'-':>{width}}")
        chunks = mbps.get(f"{document}/klaviyo-bulk-job/chunks-64")
        if ours and chunks:
            mark = "" if chunks / ours >= 1 / 1.15 else " !"
            cells.append(f"{chunks / ours:>{width - len(mark)}.2f}{mark}")
        else:
            cells.append(f"{'-':>{width}}")
        print(f"{document:<10}" + "".join(cells))
    print("(! = target missed)")

    if failed:
        print()
        print("Failed, not measured:")
        for full_id, error in failed.items():
            print(f"  {full_id}: {error}")


def short(parser):
    return "kbj/chunks-64" if parser == "klaviyo-bulk-job/chunks-64" else parser


def cell_gap(document, parser, failed):
    return "FAILED" if f"{document}/{parser}" in failed else "n/a"


if __name__ == "__main__":
    main()
