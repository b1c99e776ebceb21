"""The benchmark runs end to end (a smoke test: timing is printed, never asserted)."""

from __future__ import annotations

import pytest

from rectext import bench


@pytest.mark.slow
def test_bench_smoke(capsys):
    assert bench.main(["--sizes", "10", "--runs", "1", "--batch-copies", "1"]) == 0
    out = capsys.readouterr().out
    for heading in ("## Fixtures", "## Synthetic", "## Cold start", "## Batch throughput", "## Targets"):
        assert heading in out
    assert "heavy modules loaded by a plain parse: none" in out
    assert "python -m rectext seed loads Pydantic: no" in out


def test_floor_pattern_finds_the_markers():
    from rectext.fold import fold

    found = [m.group() for m in bench.floor_pattern().finditer(fold("一、甲\n（一）乙\n1．丙\n一是丁"))]
    assert found == ["一、", "(一)", "1.", "一是"]
