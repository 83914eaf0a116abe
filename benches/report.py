#!/usr/bin/env python3
"""Tables from the last `cargo bench --bench decode` run: median throughput
per document and parser, and the ratio of klaviyo-bulk-job to each peer.

    cargo bench --bench decode 2>&1 | tee bench.txt
    python3 benches/report.py bench.txt [--save run.json]
    python3 benches/report.py --compare run1.json run2.json run3.json
    python3 benches/report.py --versus a1.json a2.json -- b1.json b2.json

`--save` also writes the run's medians to a file; `--compare` reads such
files and says how far each figure of the earlier runs lies from the last
run's, which target's verdict is not the same in every run, and (from
three runs) each ratio's median over the runs
(`scripts/criterion-runs.sh` does all of this). `--versus` reads the
saved runs of two builds, run in turn (`scripts/criterion-ab.sh`), and
gives each figure's median over each build's runs and their ratio.

It reads criterion's `<target>/criterion/<document>/<parser>/new/` files
(the target directory is $CARGO_TARGET_DIR, or `target/`). The bench log is
optional: given, its `FAILED` lines mark the rows that were not measured,
and only the rows it shows measured are read (not results left from an
earlier run), whatever their documents (`BENCH_DOCUMENTS`).

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
    args = sys.argv[1:]
    if args[:1] == ["--compare"]:
        compare([json.loads(Path(path).read_text()) for path in args[1:]], [Path(path).stem for path in args[1:]])
        return
    if args[:1] == ["--versus"] and "--" in args:
        at = args.index("--")
        versus(*([json.loads(Path(path).read_text())["mbps"] for path in side] for side in (args[1:at], args[at + 1 :])))
        return
    save = None
    if "--save" in args:
        at = args.index("--save")
        save = args[at + 1]
        del args[at : at + 2]
    mbps, failed = medians(args[0] if args else None)
    print_tables(mbps, failed)
    if save:
        Path(save).write_text(json.dumps({"mbps": mbps, "failed": failed}, indent=1))


def medians(log):
    """MB/s of each `<document>/<parser>` criterion measured, and the
    errors of those that failed (read from `log`, if given)."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    criterion = target / "criterion"
    failed = {}
    # Every reference row; or, with a log, the rows it shows measured, in
    # its order, which may be other documents (BENCH_DOCUMENTS).
    ids = [f"{document}/{parser}" for document in DOCUMENTS for parser in PARSERS]
    if log:
        lines = Path(log).read_text().splitlines()
        ids = []
        for index, line in enumerate(lines):
            match = re.match(r"(\S+?): FAILED, not measured: (.*)", line)
            if match:
                failed[match.group(1)] = match.group(2)
            match = re.match(r"(\S+/\S+)(\s+time:|$)", line)
            if match and (match.group(2) or index + 1 < len(lines) and "time:" in lines[index + 1]):
                ids.append(match.group(1))

    mbps = {}
    for full_id in ids:
        if full_id in failed:
            continue
        document, parser = full_id.split("/", 1)
        directory = criterion / document / parser.replace("/", "_") / "new"
        try:
            estimates = json.loads((directory / "estimates.json").read_text())
            benchmark = json.loads((directory / "benchmark.json").read_text())
        except FileNotFoundError:
            continue
        median_ns = estimates["median"]["point_estimate"]
        mbps[full_id] = benchmark["throughput"]["Bytes"] / median_ns * 1e3
    return mbps, failed


def ratios(mbps):
    """Each target's ratio on each document, and whether it is met:
    {(document, column): (ratio, met)}. A column is a peer (ours / theirs)
    or "chunks/whole" (chunks-64 / whole-buffer)."""
    result = {}
    for document in DOCUMENTS:
        ours = mbps.get(f"{document}/klaviyo-bulk-job")
        if not ours:
            continue
        for parser in PEERS:
            theirs = mbps.get(f"{document}/{parser}")
            if theirs:
                result[(document, parser)] = (ours / theirs, met(parser, ours / theirs))
        chunks = mbps.get(f"{document}/klaviyo-bulk-job/chunks-64")
        if chunks:
            result[(document, "chunks/whole")] = (chunks / ours, met("chunks/whole", chunks / ours))
    return result


def met(column, ratio):
    """Whether `ratio` meets the target of `column` (a peer, or
    "chunks/whole"); a peer with no target has nothing to miss."""
    if column == "chunks/whole":
        return ratio >= 1 / 1.15
    return column not in TARGETS or ratio >= TARGETS[column]


def median(values):
    """The middle of `values` once sorted; of an even count, the upper of
    the two middle ones."""
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def print_tables(mbps, failed):
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
    print_ratios(ratios(mbps))

    if failed:
        print()
        print("Failed, not measured:")
        for full_id, error in failed.items():
            print(f"  {full_id}: {error}")


def print_ratios(table):
    """A table of `ratios`' result, a row for each document."""
    width = 21
    print(f"{'document':<10}" + "".join(f"{short(p):>{width}}" for p in PEERS) + f"{'chunks/whole':>{width}}")
    for document in DOCUMENTS:
        cells = []
        for column in PEERS + ["chunks/whole"]:
            if (document, column) not in table:
                cells.append(f"{'-':>{width}}")
                continue
            ratio, met = table[(document, column)]
            mark = "" if met else " !"
            unit = "" if column == "chunks/whole" else "x"
            cells.append(f"{ratio:>{width - len(mark) - len(unit)}.2f}{unit}{mark}")
        print(f"{document:<10}" + "".join(cells))
    print("(! = target missed)")


def compare(runs, names):
    """How far each figure of the earlier runs lies from the last run's,
    and the targets whose verdict differs between runs."""
    last = runs[-1]["mbps"]
    deviations = []
    for index, run in enumerate(runs[:-1]):
        for full_id, value in run["mbps"].items():
            if full_id in last:
                deviations.append((abs(value - last[full_id]) / last[full_id], full_id, names[index]))
    print(f"Run to run: {len(runs) - 1} earlier run(s) against the last ({names[-1]}).")
    if deviations:
        worst = max(deviations)
        within = sum(1 for deviation in deviations if deviation[0] <= 0.03)
        print(f"  largest deviation of a figure: {100 * worst[0]:.1f}% ({worst[1]}, {worst[2]})")
        print(f"  figures within 3%: {within} of {len(deviations)}")
    tables = [ratios(run["mbps"]) for run in runs]
    differing = [key for key in tables[-1] if len({table[key][1] for table in tables if key in table}) > 1]
    if not differing:
        print("  every target has the same verdict in every run")
    for key in differing:
        readings = ", ".join(
            f"{name}: {table[key][0]:.3f}{'' if table[key][1] else ' (missed)'}"
            for name, table in zip(names, tables)
            if key in table
        )
        print(f"  {key[0]} against {key[1]}, verdict differs: {readings}")
    if len(runs) > 2:
        # On a noisy machine one run's ratio can fall either side of a
        # target; the median of the runs' ratios moves least.
        medians_of_ratios = {}
        for key in tables[-1]:
            ratio = median(table[key][0] for table in tables if key in table)
            medians_of_ratios[key] = (ratio, met(key[1], ratio))
        print()
        print(f"Each ratio's median over the {len(runs)} runs:")
        print_ratios(medians_of_ratios)


def versus(before, after):
    """Each figure measured in every run of both builds: the median MB/s
    of each build's runs, and after / before."""
    print(f"{'benchmark':<40} {'before':>8} {'after':>8} {'after/before':>13}")
    for full_id in before[0]:
        if not all(full_id in run for run in before + after):
            continue
        old, new = (median(run[full_id] for run in side) for side in (before, after))
        print(f"{full_id:<40} {old:>8.0f} {new:>8.0f} {new / old:>13.3f}")


def short(parser):
    return "kbj/chunks-64" if parser == "klaviyo-bulk-job/chunks-64" else parser


def cell_gap(document, parser, failed):
    return "FAILED" if f"{document}/{parser}" in failed else "n/a"


if __name__ == "__main__":
    main()
