"""The benchmark runs end to end (a smoke test: timing is printed, never asserted)."""

from __future__ import annotations

import pytest

from rectext import bench
from rectext import benchscale as scale


@pytest.mark.slow
def test_bench_smoke(capsys):
    assert bench.main(["--sizes", "10", "--seed-copies", "2", "--runs", "1", "--batch-notices", "6",
                       "--batch-rounds", "1", "--corpus", "30,60"]) == 0
    out = capsys.readouterr().out
    for heading in ("## Fixtures", "## By size", "## Cold start", "## Batch throughput", "## Corpus step",
                    "## Targets"):
        assert heading in out
    assert "seed ×2" in out and "(a) seed ×1280 against seed ×20: not measured" in out
    assert "(d) batch -j2 throughput" in out
    assert "corpus step ms per notice from 30 to 60 notices" in out
    assert "heavy modules loaded by a plain parse: none" in out
    assert "python -m rectext seed loads Pydantic: no" in out


def test_floor_pattern_finds_the_markers():
    from rectext.text.fold import fold

    found = [m.group() for m in bench.floor_pattern().finditer(fold("一、甲\n（一）乙\n1．丙\n一是丁"))]
    assert found == ["一、", "(一)", "1.", "一是"]


def test_without_fixtures_it_asks_for_notices(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bench, "SEED", tmp_path / "none.txt")
    with pytest.raises(SystemExit) as exc:
        bench.main(["--quick"])
    assert exc.value.code == 2
    assert "give the notices to time with --notices FILE" in capsys.readouterr().err


@pytest.mark.slow
def test_bench_times_the_notices_it_is_given():
    import subprocess
    import sys

    from conftest import FIXTURES

    notice = FIXTURES / "gold" / "county-finance.txt"
    args = ["--sizes", "10", "--seed-copies", "1", "--runs", "1", "--batch-notices", "2", "--batch-rounds", "1",
            "--corpus", "30", "--notices", str(notice)]
    out = subprocess.run([sys.executable, "-m", "rectext.bench", *args], capture_output=True, text=True,
                         check=True).stdout
    assert "county-finance.txt" in out and "seed-traditional" not in out


def test_only_runs_the_parts_named(capsys):
    assert bench.main(["--only", "sizes", "--sizes", "5", "--seed-copies", ""]) == 0
    out = capsys.readouterr().out
    assert "## By size" in out and "## Fixtures" not in out and "## Batch throughput" not in out
    assert "5 KB" in out and "(b) linearity: fewer than two sizes from seed ×20" in out


def test_only_refuses_an_unknown_part(capsys):
    with pytest.raises(SystemExit) as exc:
        bench.main(["--only", "sizes,speed"])
    assert exc.value.code == 2
    assert "--only: no part speed" in capsys.readouterr().err


def test_the_batch_corpus_has_no_two_inputs_alike(tmp_path):
    from conftest import FIXTURES

    sources = [FIXTURES / "seed-traditional.txt", FIXTURES / "gold" / "county-finance.txt"]
    scale.write_corpus(tmp_path / "c", 7, sources)
    files = sorted((tmp_path / "c").iterdir())
    assert len(files) == 7 and len({f.read_bytes() for f in files}) == 7
    assert files[2].read_bytes().startswith(sources[0].read_bytes())


def _size(label, size, per_mb, unguarded, memory):
    return {"label": label, "bytes": size, "per_mb": per_mb, "per_mb_unguarded": unguarded, "memory": memory,
            "vs_reference": per_mb / 0.60, "vs_reference_unguarded": unguarded / 0.60, "reference": 0.60,
            "from_reference": size >= 370_660, "base": 40e6, "peak": 40e6 + memory * size, "elsewhere": 0.05}


def test_the_issue_figures_say_pass_or_fail(capsys):
    sizes = [_size("100 KB", 92_665, 0.50, 0.50, 40.0), _size("seed ×20", 370_660, 0.60, 0.60, 30.0),
             _size("1000 KB", 1_000_782, 0.80, 0.62, 20.0),
             _size("seed ×1280", 23_722_240, 0.85, 0.61, 24.0)]
    batch = {"ratio": 1.9, "rows": [{"notices": 3000}], "rounds": [(1.9, 0.02, 2.0), (1.5, 0.9, 1.9), (2.0, 0.05, 1.9)],
             "ceiling": 1.9}
    scale.show_scaling_targets(sizes, batch)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("(a) seed ×1280 0.850 s/MB against seed ×20 0.600 s/MB (the command's time")
    assert "1.42× (target ≤ 1.5): PASS" in out[0] and "around it (0.600 s/MB) 1.42×" in out[0]
    assert out[0].count("PASS") == 1 and "less the node guard 1.02×" in out[0]
    assert "0.600–0.850 s, max/min 1.42 (target ≤ 1.3): FAIL" in out[1] and "beside it 1.00–1.42" in out[1]
    assert "at most 24.0× (seed ×1280, 609 MB) (target ≤ 25×): PASS" in out[2]
    assert out[3] == ("(d) batch -j2 throughput 1.90× -j1's on 3,000 notices (target ≥ 1.8): PASS; "
                      "1.95× over the 2 round(s) with under 0.1 core busy elsewhere; the two cores' ceiling in the "
                      "same rounds (two parsing processes against one) 1.90×")
