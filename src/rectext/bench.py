"""Benchmark: ``python -m rectext.bench`` prints how fast rectext is, beside the floor of the work.

Measured in one run, on this machine:

1. the shipped fixture notices: parse + validation + JSON per notice, against the
   floor (the fold and one ``regex`` pass of the marker patterns over the same
   text), as the median of the per-run ratios;
2. synthetic notices of growing size (the seed repeated, 10 KB to 50 MB), each in a
   fresh process: time, MB/s, floor and ratio, and the process's peak memory;
3. cold start: ``python -m rectext seed.txt`` against ``python -c "import pydantic"``,
   run in turn, as the median of the per-turn ratios; rectext's bytecode is compiled
   first, as ``pip install`` does, so a machine with PYTHONDONTWRITEBYTECODE does not
   time the compiler;
4. batch throughput with 1, 2 and all workers;
5. the heavy modules a plain parse loads (none should be), and whether the command's
   JSON path loads Pydantic (it should not);
6. the corpus step of ``batch --analyze`` (recurring findings and repeats) over synthetic
   corpora of 1,000 to 100,000 notices of ten findings each, in a fresh process: time,
   time per notice (flat when it grows linearly), and peak memory.

Timing lives here, never in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import benchscale as scale

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    import regex

    from .corpus.recurrence import Finding
    from .models import Notice

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed-traditional.txt"


def _fixture_notices() -> list[Path]:
    """The notices timed by default: the seed, then the gold fixtures of a source checkout."""
    gold = FIXTURES / "gold"
    return [SEED, *sorted(gold.glob("*.txt")), *sorted(gold.glob("*.html"))]


NOTICES = _fixture_notices()  # --notices replaces them; the first is the seed of the other measurements
HEAVY = ("jieba", "pandas", "selectolax", "charset_normalizer", "opencc", "lxml", "matplotlib", "numpy")
TARGET_PARSE, TARGET_COLD = 10.0, 1.3  # issue 27


def floor_pattern() -> regex.Pattern[str]:
    """One alternation of every marker pattern: the least work any parser of markers must do.

    The patterns are written for the folded text (half-width punctuation), so the
    floor is the fold plus one pass of this pattern.
    """
    from .structure.markers import any_marker

    return any_marker()


def _median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_text(text: str, runs: int, record_path: bool = True) -> dict[str, float | None]:
    """Parse + validation + JSON, and the floor, on one text; the ratio is the median of per-run ratios.

    ``parse`` is the library's path (Pydantic validates and writes); ``record`` the command
    line's for notices under a million characters (the record checked against the schema and
    written by the standard library).
    """
    from .outputs.jsonout import dumps
    from .parser import parse, parse_record
    from .text.fold import fold

    floor = floor_pattern()
    fold_and_scan: Callable[[], int] = lambda: sum(1 for _ in floor.finditer(fold(text)))  # noqa: E731
    full: Callable[[], bytes] = lambda: _full(parse, text)  # noqa: E731
    record: Callable[[], str] = lambda: dumps(parse_record(text))  # noqa: E731
    fold_and_scan(), full(), record() if record_path else None
    ratios, parses, floors, records = [], [], [], []
    for _ in range(runs):
        f = _median_time(fold_and_scan, 1)
        p = _median_time(full, 1)
        floors.append(f)
        parses.append(p)
        ratios.append(p / f)
        if record_path:
            records.append(_median_time(record, 1))
    return {"parse": statistics.median(parses), "floor": statistics.median(floors),
            "ratio": statistics.median(ratios), "record": statistics.median(records) if records else None}


def _full(parse: Callable[[str], Notice], text: str) -> bytes:
    notice = parse(text)
    data: bytes = notice.__pydantic_serializer__.to_json(notice, indent=2)
    return data


def fixtures_table(runs: int) -> list[dict[str, Any]]:
    from .read.reader import read_source

    rows = []
    for path in NOTICES:
        text = read_source(path).text
        m = measure_text(text, runs)
        rows.append({"notice": path.name, "chars": len(text), **m,
                     "mb_s": len(text.encode()) / 1e6 / (m["parse"] or 1e-9)})
    return rows


def cold_start(runs: int) -> dict[str, float]:
    """Median wall times of the command on the seed, of importing Pydantic, and of a bare interpreter."""
    import compileall

    package = Path(__file__).parent
    compiled = compileall.compile_dir(str(package), quiet=2)  # what pip install does; a no-op when done

    def wall(cmd: list[str]) -> float:
        return _median_time(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True), 1)

    commands = {"rectext": [sys.executable, "-m", "rectext", str(SEED)],
                "pydantic": [sys.executable, "-c", "import pydantic"], "bare": [sys.executable, "-c", "pass"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    ratios = []
    for _ in range(runs):  # interleaved, so a slow spell of the machine weighs on both sides of a ratio
        for name, cmd in commands.items():
            times[name].append(wall(cmd))
        ratios.append(times["rectext"][-1] / times["pydantic"][-1])
    return {**{name: statistics.median(ts) for name, ts in times.items()}, "ratio": statistics.median(ratios),
            "bytecode": bool(compiled)}


def heavy_modules() -> list[str]:
    code = (f"import sys, rectext; rectext.parse_file({str(SEED)!r}).model_dump_json(); "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    found: list[str] = json.loads(out.stdout.replace("'", '"'))
    return found


def command_loads_pydantic() -> bool:
    """Whether ``python -m rectext seed.txt`` (plain JSON) imports Pydantic."""
    code = ("import sys\nfrom rectext.cli import main\nmain(sys.argv[1:])\n"
            "print('pydantic' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True)
    return out.stderr.strip().endswith("True")


_SUBJECTS = ("财务报销", "公务接待", "政府采购", "干部选拔任用", "固定资产", "专项资金", "工程项目", "合同", "党费",
             "公务用车", "办公用房", "津贴补贴", "意识形态工作", "理论学习中心组", "三会一课", "民主生活会", "档案",
             "安全生产", "债务风险", "耕地保护", "乡村振兴", "营商环境", "惠民政策", "内部控制", "招投标", "食堂经费",
             "年轻干部培养", "个人有关事项报告", "因私出国境证照", "网络阵地", "审计整改", "巡察整改", "党员发展",
             "基层党组织", "主体责任", "监督责任", "八项规定精神", "议事规则", "三重一大", "国有资产出租")
_ASPECTS = ("审核", "管理", "程序", "台账", "制度执行", "监督检查", "资金使用", "考核", "培训", "信息公开",
            "风险防控", "责任落实", "整改", "统计", "验收", "结算", "备案", "公示", "清查", "登记")
_TAILS = ("", "部分单位", "个别科室", "下属单位", "基层站所", "个别项目", "部分村社区", "所属企业", "直属学校",
          "窗口单位", "部分乡镇", "2022年以来", "近三年", "机关内部", "部分干部", "系统内")
_STOCK = ("不规范", "不严格", "不到位", "不够深入", "存在漏洞", "有差距", "把关不严", "不够健全")


def synthetic_findings(notices: int, seed: int = 0) -> list[Finding]:
    """A corpus of ``notices`` notices, ten findings each, by bodies of three rounds whose later
    rounds say again about a third of the earlier findings; many bodies share findings."""
    import random

    from .corpus.recurrence import Finding, body_key

    rng = random.Random(seed)
    findings: list[Finding] = []
    for n in range(notices):
        body, round_no = n // 3, n % 3
        notice_id = f"{n:016x}"
        earlier = [f for f in findings[-10 * round_no:]] if round_no else []
        for i in range(10):
            if earlier and rng.random() < 0.3:
                heading = rng.choice(earlier).heading
            else:
                heading = (rng.choice(_TAILS) + rng.choice(_SUBJECTS) + rng.choice(_ASPECTS) + rng.choice(_STOCK))
            findings.append(Finding(notice_id, f"n{n}.txt", i, heading, body_key(f"中共第{body}单位党组"),
                                    f"{2020 + round_no}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"))
    return findings


def corpus_table(sizes: list[int]) -> list[dict[str, Any]]:
    """The corpus step over synthetic corpora, each in a fresh process (time and peak memory)."""
    rows = []
    for notices in sizes:
        code = ("import sys, time, json, resource; from rectext.bench import synthetic_findings; "
                "from rectext.corpus.recurrence import analyse; f = synthetic_findings(int(sys.argv[1])); "
                "t = time.perf_counter(); r = analyse(f); s = time.perf_counter() - t; "
                "print(json.dumps({'seconds': s, 'clusters': len(r.clusters), 'repeats': len(r.repeats), "
                "'peak': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))")
        out = subprocess.run([sys.executable, "-c", code, str(notices)], capture_output=True, text=True, check=True)
        rows.append({"notices": notices, "findings": notices * 10, **json.loads(out.stdout)})
    return rows


PARTS = ("fixtures", "sizes", "cold", "batch", "corpus")


def _arguments() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m rectext.bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100,1000,10000,50000", help="synthetic sizes in KB (default to 50 MB)")
    ap.add_argument("--seed-copies", default="20,1280",
                    help="sizes as copies of the seed (default 20 and 1280, the issue's 0.37 MB and 23.7 MB)")
    ap.add_argument("--runs", type=int, default=31, help="timed runs per fixture (medians are reported)")
    ap.add_argument("--batch-notices", type=int, default=3000, help="notices in the batch corpus (default 3,000)")
    ap.add_argument("--batch-rounds", type=int, default=3,
                    help="rounds of the batch, each running every worker count in turn (medians are reported)")
    ap.add_argument("--corpus", default="1000,10000,100000",
                    help="notices in the synthetic corpora of the corpus step (default 1,000 to 100,000)")
    ap.add_argument("--only", default=",".join(PARTS), help=f"the parts to run, of {','.join(PARTS)} (default all)")
    ap.add_argument("--quick", action="store_true", help="small sizes and few runs, for a smoke test")
    ap.add_argument("--notices", nargs="+", type=Path, metavar="FILE",
                    help="the notices to time (default: the fixtures of a source checkout); the first is the seed")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = _arguments()
    args = ap.parse_args(argv)
    global SEED, NOTICES
    if args.notices:
        missing = [str(p) for p in args.notices if not p.is_file()]
        if missing:
            ap.error(f"no such file: {', '.join(missing)}")
        SEED, NOTICES = args.notices[0], list(args.notices)
    elif not SEED.is_file():
        ap.error(f"no fixtures at {FIXTURES} (an installed package ships none): give the notices to time "
                 "with --notices FILE ..., or run from a source checkout")
    parts = set(args.only.split(","))
    if parts - set(PARTS):
        ap.error(f"--only: no part {', '.join(sorted(parts - set(PARTS)))} (the parts: {', '.join(PARTS)})")
    if args.quick:
        args.sizes, args.seed_copies, args.runs, args.corpus = "10,100,1000", "20", 5, "1000,10000"
        args.batch_notices, args.batch_rounds = 300, 1
    print(f"# rectext benchmark: {platform.machine()}, {scale.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()} {platform.release()}; load {scale.load()}")
    _run_parts(args, parts)
    return 0


def _run_parts(args: argparse.Namespace, parts: set[str]) -> None:
    fixtures = _show_fixtures(args.runs) if "fixtures" in parts else None
    sizes = (scale.show_sizes([float(s) for s in args.sizes.split(",") if s],
                              [int(n) for n in args.seed_copies.split(",") if n], SEED) if "sizes" in parts else [])
    cold = _show_cold_start(7 if args.quick else 15) if "cold" in parts else None
    batch = scale.show_batch(args.batch_notices, args.batch_rounds, NOTICES) if "batch" in parts else None
    corpus = _show_corpus([int(n) for n in args.corpus.split(",")]) if "corpus" in parts else []
    print("\n## Targets")
    _show_targets(fixtures, cold, corpus)
    if sizes or batch:
        scale.show_scaling_targets(sizes, batch)


def _show_fixtures(runs: int) -> list[dict[str, Any]]:
    print("\n## Fixtures: parse + validation + JSON against the floor (one regex pass of the marker patterns)")
    print("parse: Notice model, Pydantic JSON (the library); record: schema-checked record, json module "
          "(the command, under 1 M characters)")
    print(f"{'notice':<28}{'chars':>8}{'parse ms':>10}{'record ms':>10}{'floor ms':>10}{'ratio':>7}{'MB/s':>7}")
    fixtures = fixtures_table(runs)
    for r in fixtures:
        print(f"{r['notice']:<28}{r['chars']:>8}{r['parse'] * 1e3:>10.2f}{r['record'] * 1e3:>10.2f}"
              f"{r['floor'] * 1e3:>10.3f}{r['ratio']:>7.1f}{r['mb_s']:>7.2f}")
    return fixtures


def _show_cold_start(runs: int) -> dict[str, float]:
    print("\n## Cold start (median wall time)")
    cold = cold_start(runs)
    print(f"python -m rectext seed: {cold['rectext'] * 1e3:.0f} ms; python -c 'import pydantic': "
          f"{cold['pydantic'] * 1e3:.0f} ms; ratio {cold['ratio']:.2f}; bare interpreter "
          f"{cold['bare'] * 1e3:.0f} ms" + ("" if cold["bytecode"] else
                                            " (rectext's bytecode could not be written: compiled on each run)"))
    heavy = heavy_modules()
    print(f"heavy modules loaded by a plain parse: {', '.join(heavy) if heavy else 'none'}; "
          f"python -m rectext seed loads Pydantic: {'yes' if command_loads_pydantic() else 'no'}")
    return cold


def _show_corpus(sizes: list[int]) -> list[dict[str, Any]]:
    print("\n## Corpus step of batch --analyze (recurring findings and repeats), synthetic corpora, fresh process")
    print(f"{'notices':>9}{'findings':>10}{'seconds':>9}{'ms/notice':>10}{'clusters':>10}{'repeats':>9}{'peak MB':>9}")
    rows = corpus_table(sizes)
    for r in rows:
        print(f"{r['notices']:>9,}{r['findings']:>10,}{r['seconds']:>9.2f}{r['seconds'] / r['notices'] * 1e3:>10.3f}"
              f"{r['clusters']:>10,}{r['repeats']:>9,}{r['peak'] / 1e6:>9.0f}")
    return rows


def _show_targets(fixtures: list[dict[str, Any]] | None, cold: dict[str, float] | None,
                  corpus: list[dict[str, Any]]) -> None:
    if fixtures:
        seed_ratio = fixtures[0]["ratio"]
        command_ratio = fixtures[0]["record"] / fixtures[0]["floor"]
        worst = max(seed_ratio, command_ratio)
        print(f"seed parse/floor {seed_ratio:.1f}, the command's path {command_ratio:.1f} "
              f"(target ≤ {TARGET_PARSE:g}): {'met' if worst <= TARGET_PARSE else 'missed'}")
    if cold:
        print(f"cold start ratio {cold['ratio']:.2f} (target ≤ {TARGET_COLD:g}): "
              f"{'met' if cold['ratio'] <= TARGET_COLD else 'missed'}")
    if len(corpus) > 1:
        per = [r["seconds"] / r["notices"] * 1e3 for r in corpus]
        print(f"corpus step ms per notice from {corpus[0]['notices']:,} to {corpus[-1]['notices']:,} notices: "
              f"{', '.join(f'{x:.3f}' for x in per)} (near-linear when about flat)")


if __name__ == "__main__":
    sys.exit(main())
