"""Benchmark: ``python -m rectext.bench`` prints time and peak memory by input size.

Each size runs in a fresh process (``python -m rectext FILE``, JSON written to
/dev/null), so peak memory is that process's own maximum resident set, read
from the operating system. Inputs are the seed notice repeated to the size.
Timing lives here, never in the tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "seed-traditional.txt"


def make_input(size_mb: float, directory: Path, seed: str) -> Path:
    """The seed notice repeated until the file reaches ``size_mb`` megabytes."""
    unit = seed.encode("utf-8")
    copies = max(1, round(size_mb * 1_000_000 / len(unit)))
    path = directory / f"synthetic-{size_mb:g}MB.txt"
    path.write_bytes(unit * copies)
    return path


def run_cli(path: Path) -> tuple[float, int]:
    """Wall time and peak RSS (bytes) of ``python -m rectext PATH --compact``."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "rectext", str(path), "--compact"], stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"rectext failed on {path}")
    return elapsed, usage.ru_maxrss * 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m rectext.bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,10,50", help="input sizes in MB, comma-separated (default 1,10,50)")
    ap.add_argument("--seed", type=Path, default=SEED, help="the notice to repeat (default: the shipped seed)")
    args = ap.parse_args(argv)
    if not args.seed.is_file():
        ap.error(f"no seed notice at {args.seed}: run from a source checkout or pass --seed FILE")
    seed = args.seed.read_text(encoding="utf-8")
    print(f"# rectext size benchmark on {platform.machine()} / Python {platform.python_version()} / "
          f"{os.cpu_count()} cores")
    print(f"{'size MB':>8} {'seconds':>9} {'MB/s':>7} {'peak MB':>9} {'peak/size':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (float(s) for s in args.sizes.split(",")):
            path = make_input(size, Path(tmp), seed)
            real = path.stat().st_size / 1e6
            seconds, peak = run_cli(path)
            print(f"{real:8.1f} {seconds:9.2f} {real / seconds:7.2f} {peak / 1e6:9.0f} {peak / 1e6 / real:10.1f}")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
