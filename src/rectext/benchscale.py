"""The benchmark's scaling figures (issue 27): the command by input size, and the batch by workers.

By size: ``python -m rectext FILE --max-nodes 300000`` on the seed repeated, each size in a
fresh process. The time is the command's own (:func:`rectext.cli.main`: read, node guard, parse,
check, JSON written to ``/dev/null``), measured inside the process after a warm-up on the seed, so
the start-up (imports, compiling the patterns, about 0.1–0.3 s) is not counted: a whole-process time
per MB of a 0.37 MB input would mostly be start-up. Each run is the first parse in its process (the
median of 5 processes under 200 KB, 3 under 5 MB, 1 above), bracketed by two runs of the seed ×20, the
reference: each size's figure is the median ratio of its time per MB to theirs, as the speed of a virtual
machine's cores drifts between minutes. Memory is the process's peak (``ru_maxrss``)
less the process after the warm-up (the interpreter with rectext loaded), per byte of input.
The floor is the fold and one pass of every marker pattern, :func:`rectext.structure.markers.count_candidates`,
which is also the node guard the command runs on a text of more characters than ``--max-nodes``.
Linearity is the spread of the time per MB over the sizes from the seed ×20 up (below it the
command's fixed cost per input weighs); memory is judged from 1 MB up.

By workers: ``python -m rectext batch CORPUS -o OUT -j N --quiet``, whole-process wall time, on a
corpus of the fixture notices in turn, each copy with its own last line (no two inputs alike);
worker counts run in turn in each round, and the ratio is the median of the rounds' ratios, printed
beside the two cores' own ceiling measured in the same rounds (:func:`ceiling`). Beside every figure, the
cores that other work kept busy meanwhile (:func:`timed`).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

MAX_NODES = 300_000  # the issue's figure for the seed ×1280 (64,000 nodes); the default is 50,000
TARGET_SEED_RATIO, TARGET_LINEAR, TARGET_MEMORY, TARGET_BATCH = 1.5, 1.3, 25.0, 1.8
REFERENCE_COPIES = 20  # seed ×20: the size every other is compared with
MEMORY_FROM = 1_000_000  # bytes: below, the peak is within the allocator's granularity
QUIET = 0.1  # cores busy elsewhere under which a batch round had the machine to itself

_CHILD = """
import json, os, resource, sys, time
sys.path[:0] = {path!r}
import rectext.models  # the command's path from a million characters: imported before the clock
from rectext.cli import main
from rectext.structure.markers import count_candidates
path, seed, max_nodes = sys.argv[1], sys.argv[2], sys.argv[3]
out, sys.stdout = sys.stdout, open(os.devnull, "w")
main([seed])  # the start-up, out of the clock
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
start = time.perf_counter()
code = main([path, "--max-nodes", max_nodes])
sys.stdout.flush()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
text = open(path, encoding="utf-8").read()
start = time.perf_counter()
count_candidates(text)
floor = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "floor": floor, "code": code, "chars": len(text), "base": base,
                  "peak": peak}}), file=out)
"""


def load() -> str:
    """The one-minute load average (the machine may be shared)."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


def _busy() -> float:
    """CPU seconds every process of the machine has used since it started (/proc/stat; NaN elsewhere)."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            ticks = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return math.nan
    user, nice, system, _idle, _iowait, irq, softirq, steal = ticks
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


def timed(command: list[str]) -> tuple[str, float, float, float]:
    """``command``'s standard output, wall and CPU seconds (with its workers), and the cores that other
    work kept busy meanwhile, on average: the load beside each heavy figure, which the load average
    cannot give (it counts the measured command too)."""
    busy, cpu, start = _busy(), _children_cpu(), time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    wall, used = time.perf_counter() - start, _children_cpu() - cpu
    return out, wall, used, max(0.0, (_busy() - busy - used) / wall)


def machine() -> str:
    """The CPU model, from /proc/cpuinfo where there is one."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            models = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
    except OSError:
        models = []
    return models[0] if models else "CPU model unknown"


def _runs(size: int) -> int:
    return 5 if size < 200_000 else (3 if size < 5_000_000 else 1)


def _one(path: Path, seed: Path) -> dict[str, Any]:
    """One run of the command on ``path``, in a fresh process warmed up on ``seed``."""
    out, _wall, _cpu, elsewhere = timed([sys.executable, "-c", _CHILD.format(path=sys.path[:1]), str(path),
                                         str(seed), str(MAX_NODES)])
    run: dict[str, Any] = json.loads(out)
    size = path.stat().st_size
    guard = run["floor"] if run["chars"] > MAX_NODES else 0.0
    run.update(elsewhere=elsewhere, per_mb=run["seconds"] / size * 1e6,
               per_mb_unguarded=(run["seconds"] - guard) / size * 1e6)
    return run


def size_row(path: Path, seed: Path, label: str, reference: Path | None) -> dict[str, Any]:
    """One size: the median of runs each in a fresh process (a notice's first parse in a process pays
    for the memory it takes from the system; later ones would reuse it). Each run is bracketed by runs of the
    ``reference``, and ``vs_reference`` is the median of the ratios of its time per MB to theirs (their
    mean): the speed of a virtual machine's cores drifts by a third from one minute to the next."""
    size = path.stat().st_size
    runs, refs, ratios, bare = [], [], [], []
    for _ in range(_runs(size)):
        before = _one(reference, seed)["per_mb"] if reference else math.nan
        run = _one(path, seed)
        ref = (before + _one(reference, seed)["per_mb"]) / 2 if reference else run["per_mb"]
        runs.append(run)
        refs.append(ref)
        ratios.append(run["per_mb"] / ref)
        bare.append(run["per_mb_unguarded"] / ref)  # the reference is under --max-nodes characters: no guard
    keys = ("seconds", "floor", "base", "peak", "elsewhere", "per_mb", "per_mb_unguarded")
    m: dict[str, Any] = {key: statistics.median(r[key] for r in runs) for key in keys}
    m.update(label=label, bytes=size, chars=runs[0]["chars"], code=runs[0]["code"], reference=statistics.median(refs),
             vs_reference=statistics.median(ratios), vs_reference_unguarded=statistics.median(bare))
    m["guarded"] = m["chars"] > MAX_NODES
    m["memory"] = (m["peak"] - m["base"]) / size
    return m


def size_table(sizes_kb: Sequence[float], seed_copies: Sequence[int], seed: Path) -> list[dict[str, Any]]:
    """The seed repeated to each size (KB) and each number of copies, smallest first; the seed ×20 (the
    reference) is always among them."""
    unit = seed.read_bytes()
    wanted = {max(1, round(kb * 1000 / len(unit))): f"{kb:g} KB" for kb in sizes_kb}
    wanted.update({n: f"seed ×{n}" for n in (*seed_copies, REFERENCE_COPIES)})
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        reference = Path(tmp) / "reference.txt"
        reference.write_bytes(unit * REFERENCE_COPIES)
        for copies, label in sorted(wanted.items()):
            path = Path(tmp) / f"seed-x{copies}.txt"
            path.write_bytes(unit * copies)
            rows.append(size_row(path, seed, label, None if copies == REFERENCE_COPIES else reference))
            rows[-1]["from_reference"] = copies >= REFERENCE_COPIES
            path.unlink()
    return rows


def show_sizes(sizes_kb: Sequence[float], seed_copies: Sequence[int], seed: Path) -> list[dict[str, Any]]:
    print(f"\n## By size: python -m rectext FILE --max-nodes {MAX_NODES:,}, the seed repeated, each in a fresh process")
    print("s: the command inside a fresh process after a warm-up (start-up not counted), median of processes; "
          "floor: fold + one pass of the marker patterns, which the node guard runs (guard: yes) on texts over "
          f"--max-nodes characters; ÷ref: s/MB ÷ that of seed ×{REFERENCE_COPIES} in runs just before and after, "
          "median; "
          "mem: (peak − the warmed-up process) / input; elsewhere: cores other work kept busy meanwhile (of "
          f"{os.cpu_count()})")
    print(f"{'input':>12}{'bytes':>12}{'s':>9}{'s/MB':>7}{'÷ref':>6}{'floor s':>9}{'guard':>6}{'s/MB−guard':>11}"
          f"{'peak MB':>9}{'mem':>6}{'elsewhere':>10}")
    rows = size_table(sizes_kb, seed_copies, seed)
    for r in rows:
        print(f"{r['label']:>12}{r['bytes']:>12,}{r['seconds']:>9.3f}{r['per_mb']:>7.3f}{r['vs_reference']:>6.2f}"
              f"{r['floor']:>9.3f}{'yes' if r['guarded'] else 'no':>6}{r['per_mb_unguarded']:>11.3f}"
              f"{r['peak'] / 1e6:>9.0f}{r['memory']:>6.1f}{r['elsewhere']:>10.2f}")
    return rows


# ---------------------------------------------------------------- batch throughput


def write_corpus(folder: Path, notices: int, sources: Sequence[Path]) -> None:
    """``notices`` inputs: the sources in turn, each copy ending with its own number."""
    folder.mkdir()
    for i in range(notices):
        src = sources[i % len(sources)]
        (folder / f"{i:05d}-{src.name}").write_bytes(src.read_bytes() + f"\n{i}\n".encode())


def _batch_once(corpus: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall and CPU seconds (the batch and its workers) of one ``rectext batch`` in a fresh process, and the
    cores busy elsewhere meanwhile."""
    _, wall, cpu, elsewhere = timed([sys.executable, "-m", "rectext", "batch", str(corpus), "-o", str(out),
                                     "-j", str(jobs), "--quiet"])
    shutil.rmtree(out)
    return wall, cpu, elsewhere


_PARSES = """
import sys, time
sys.path[:0] = {path!r}
from rectext.parser import parse_record
text = open(sys.argv[1], encoding="utf-8").read()
parse_record(text)
start = time.perf_counter()
for _ in range(int(sys.argv[2])):
    parse_record(text)
print(time.perf_counter() - start)
"""


def ceiling(seed: Path, parses: int = 150) -> float:
    """What two cores give at the moment: a process parsing the seed ``parses`` times alone, then two such
    processes side by side, then one alone again; twice the mean time alone over the slower of the pair's
    (2.0: two whole cores). A virtual machine's two cores may share a physical core or its clock with other
    guests, which no figure inside the machine shows."""
    command = [sys.executable, "-c", _PARSES.format(path=sys.path[:1]), str(seed), str(parses)]

    def alone() -> float:
        return float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

    before = alone()
    pair = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    slower = max(float(p.communicate()[0]) for p in pair)
    return (before + alone()) / slower


def batch_table(notices: int, rounds: int, sources: Sequence[Path]) -> dict[str, Any]:
    """Each worker count's median wall time over ``rounds`` rounds (the counts in turn in each), and the
    median of the rounds' ratios of one worker's time to two workers', beside the two cores' :func:`ceiling`
    measured in the same round."""
    counts = sorted({1, 2, os.cpu_count() or 1})
    runs: dict[int, list[tuple[float, float, float]]] = {j: [] for j in counts}
    ceilings = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, notices, sources)
        for _ in range(rounds):
            ceilings.append(ceiling(sources[0]))
            for jobs in counts:
                runs[jobs].append(_batch_once(corpus, Path(tmp) / "out", jobs))
    rows = []
    for j in counts:
        wall, cpu, elsewhere = (statistics.median(r[k] for r in runs[j]) for k in range(3))
        rows.append({"workers": j, "notices": notices, "seconds": wall, "cpu": cpu, "per_s": notices / wall,
                     "elsewhere": elsewhere})
    rounds_seen = [(one[0] / two[0], max(one[2], two[2]), top)
                   for one, two, top in zip(runs[1], runs[2], ceilings, strict=True)]
    return {"rows": rows, "rounds": rounds_seen, "ratio": statistics.median(r[0] for r in rounds_seen),
            "ceiling": statistics.median(ceilings)}


def show_batch(notices: int, rounds: int, sources: Sequence[Path]) -> dict[str, Any]:
    print(f"\n## Batch throughput: rectext batch -j N on {notices:,} notices (the {len(sources)} fixtures in turn, "
          f"each copy different), whole process, median of {rounds} round(s)")
    print(f"{'workers':>8}{'notices':>9}{'seconds':>9}{'per s':>8}{'CPU s':>8}{'elsewhere':>10}")
    batch = batch_table(notices, rounds, sources)
    for r in batch["rows"]:
        print(f"{r['workers']:>8}{r['notices']:>9,}{r['seconds']:>9.2f}{r['per_s']:>8.0f}{r['cpu']:>8.1f}"
              f"{r['elsewhere']:>10.2f}")
    print("-j1 time ÷ -j2 time per round (cores busy elsewhere; the two cores' ceiling): "
          + ", ".join(f"{ratio:.2f} ({elsewhere:.2f}; {top:.2f})" for ratio, elsewhere, top in batch["rounds"]))
    return batch


# ---------------------------------------------------------------- the issue's targets


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def show_scaling_targets(sizes: list[dict[str, Any]], batch: dict[str, Any] | None) -> None:
    """Issue 27's four figures, each with its target and PASS or FAIL."""
    if sizes:
        _seed_ratio(sizes)
        _linearity(sizes)
        _memory(sizes)
    if batch is not None:
        print(f"(d) batch -j2 throughput {batch['ratio']:.2f}× -j1's on {batch['rows'][0]['notices']:,} notices "
              f"(target ≥ {TARGET_BATCH:g}): {_verdict(batch['ratio'] >= TARGET_BATCH)}; "
              f"{_quiet(batch['rounds'])}; the two cores' ceiling in the same rounds (two parsing processes "
              f"against one) {batch['ceiling']:.2f}×")


def _quiet(rounds: list[tuple[float, float, float]]) -> str:
    """The ratio over the rounds that had the machine to themselves: two workers need both cores."""
    quiet = [ratio for ratio, elsewhere, _ in rounds if elsewhere < QUIET]
    if not quiet:
        return f"no round had the machine to itself (under {QUIET:g} core busy elsewhere)"
    return f"{statistics.median(quiet):.2f}× over the {len(quiet)} round(s) with under {QUIET:g} core busy elsewhere"


def _seed_ratio(sizes: list[dict[str, Any]]) -> None:
    by_label = {r["label"]: r for r in sizes}
    ref, big = by_label.get(f"seed ×{REFERENCE_COPIES}"), by_label.get("seed ×1280")
    if ref and big:
        ratio = big["per_mb"] / ref["per_mb"]
        print(f"(a) seed ×1280 {big['per_mb']:.3f} s/MB against seed ×{REFERENCE_COPIES} {ref['per_mb']:.3f} s/MB "
              f"(the command's time in the process, start-up not counted, medians): {ratio:.2f}× "
              f"(target ≤ {TARGET_SEED_RATIO:g}): {_verdict(ratio <= TARGET_SEED_RATIO)}; against the runs of seed "
              f"×{REFERENCE_COPIES} around it ({big['reference']:.3f} s/MB) {big['vs_reference']:.2f}×, less the "
              f"node guard {big['vs_reference_unguarded']:.2f}× (cores busy elsewhere: "
              f"{ref['elsewhere']:.2f}, {big['elsewhere']:.2f})")
    else:
        print(f"(a) seed ×1280 against seed ×{REFERENCE_COPIES}: not measured (--seed-copies {REFERENCE_COPIES},1280)")


def _linearity(sizes: list[dict[str, Any]]) -> None:
    linear = [r for r in sizes if r["from_reference"]]  # below, the fixed cost per input weighs on the time per MB
    if len(linear) < 2:
        print(f"(b) linearity: fewer than two sizes from seed ×{REFERENCE_COPIES}")
        return
    per_mb = [r["per_mb"] for r in linear]
    spread = max(per_mb) / min(per_mb)
    paired = [r["vs_reference"] for r in linear]
    # the time per MB as measured is the figure; each ÷ the short reference runs beside it is printed as a
    # check on the machine's drift, but a 0.2 s reference is itself the noisier reading of the two
    print(f"(b) time per MB from {linear[0]['bytes'] / 1e6:.2f} MB to {linear[-1]['bytes'] / 1e6:.1f} MB: "
          f"{min(per_mb):.3f}–{max(per_mb):.3f} s, max/min {spread:.2f} (target ≤ {TARGET_LINEAR:g}): "
          f"{_verdict(spread <= TARGET_LINEAR)}; each ÷ seed ×{REFERENCE_COPIES}'s runs beside it "
          f"{min(paired):.2f}–{max(paired):.2f}, max/min {max(paired) / min(paired):.2f}")


def _memory(sizes: list[dict[str, Any]]) -> None:
    big = [r for r in sizes if r["bytes"] >= MEMORY_FROM]
    if not big:
        print(f"(c) peak memory: no size from {MEMORY_FROM // 1_000_000} MB")
        return
    worst = max(big, key=lambda r: r["memory"])
    print(f"(c) peak memory less the warmed-up process ({worst['base'] / 1e6:.0f} MB), per byte of input, from "
          f"{MEMORY_FROM // 1_000_000} MB: at most {worst['memory']:.1f}× ({worst['label']}, "
          f"{worst['peak'] / 1e6:,.0f} MB) (target ≤ {TARGET_MEMORY:g}×): {_verdict(worst['memory'] <= TARGET_MEMORY)}")
