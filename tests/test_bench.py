"""The benchmark runs end to end (a smoke test: timing is printed, never asserted)."""

from __future__ import annotations

import pytest

from rectext import bench


@pytest.mark.slow
def test_bench_smoke(capsys):
    assert bench.main(["--sizes", "10", "--runs", "1", "--batch-copies", "1", "--corpus", "30,60"]) == 0
    out = capsys.readouterr().out
    for heading in ("## Fixtures", "## Synthetic", "## Cold start", "## Batch throughput", "## Corpus step",
                    "## Targets"):
        assert heading in out
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
    args = ["--sizes", "10", "--runs", "1", "--batch-copies", "1", "--corpus", "30", "--notices", str(notice)]
    out = subprocess.run([sys.executable, "-m", "rectext.bench", *args], capture_output=True, text=True,
                         check=True).stdout
    assert "county-finance.txt" in out and "seed-traditional" not in out
