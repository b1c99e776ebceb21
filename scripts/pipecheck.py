#!/usr/bin/env python3
"""Run every subcommand and output mode into a reader that goes away (``| head -c 1``), N times each,
and count the runs whose stderr shows a traceback (or any line at all) and the exit statuses seen.

    python scripts/pipecheck.py            # 200 runs of each
    python scripts/pipecheck.py -n 20      # fewer
    python scripts/pipecheck.py --json     # the counts as JSON

Exit status 1 when any run printed a traceback. The pipeline's status is the status of rectext
(``set -o pipefail`` is not used: the shell reports rectext's own status through PIPESTATUS).
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed-traditional.txt"
GOLD = ROOT / "tests" / "fixtures" / "gold"


def commands(work: Path) -> dict[str, str]:
    """name → the command line whose standard output goes to ``head -c 1``."""
    rt = f"{shlex.quote(sys.executable)} -m rectext"
    seed, gold = shlex.quote(str(SEED)), shlex.quote(str(GOLD))
    out = shlex.quote(str(work / "batch"))
    return {
        "parse": f"{rt} {seed}",
        "parse --compact": f"{rt} {seed} --compact",
        "parse --jsonl": f"{rt} {seed} {seed} {seed} --jsonl",
        "parse --format outline": f"{rt} {seed} --format outline",
        "parse --explain": f"{rt} {seed} --explain",
        "parse --format markdown": f"{rt} {seed} --format markdown",
        "parse --format html": f"{rt} {seed} --format html",
        "parse -": f"{rt} - < {seed}",
        "--help": f"{rt} --help",
        "parse --help": f"{rt} parse --help",
        "--version": f"{rt} --version",
        "schema": f"{rt} schema",
        "schema --compact": f"{rt} schema --compact",
        "eval": f"{rt} eval {gold} -v",
        "eval --json": f"{rt} eval {gold} --json",
        "eval --categories": f"{rt} eval {gold} --categories",
        "render -o -": f"{rt} render {seed} -o /dev/stdout",
        "render --help": f"{rt} render --help",
        "batch": f"{rt} batch {seed} -o {out}-$$-$RANDOM -j 1 --quiet --overwrite",
        "batch --help": f"{rt} batch --help",
    }


def once(line: str) -> tuple[int, str]:
    proc = subprocess.run(["bash", "-c", f'{line} | head -c 1 >/dev/null; echo "${{PIPESTATUS[0]}}" >&2'],
                          capture_output=True, text=True, check=False)
    *err, status = proc.stderr.rstrip("\n").split("\n")
    return int(status), "\n".join(err)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=200, help="runs of each command (default 200)")
    ap.add_argument("-j", type=int, default=2, help="runs at a time (default 2)")
    ap.add_argument("--only", help="only the commands whose name contains this")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    report: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(args.j) as pool:
        for name, line in commands(Path(tmp)).items():
            if args.only and args.only not in name:
                continue
            results = list(pool.map(once, [line] * args.n))
            tracebacks = sum("Traceback" in err or "Exception ignored" in err for _, err in results)
            noisy = sum(bool(err.strip()) for _, err in results)
            statuses = Counter(status for status, _ in results)
            report[name] = {"runs": args.n, "tracebacks": tracebacks, "stderr_lines": noisy,
                            "statuses": dict(sorted(statuses.items()))}
            if not args.json:
                print(f"{name:28} {args.n} runs: {tracebacks} tracebacks, {noisy} with stderr, "
                      f"exit {dict(sorted(statuses.items()))}", flush=True)
    if args.json:
        print(json.dumps(report, indent=2))
    return 1 if any(r["tracebacks"] for r in report.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
