"""The plain install leaves the corpus step's datasketch (and its numpy and scipy) out: what needs it
says which extra to install, with exit 2 on the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import FIXTURES

# Run rectext with datasketch made unimportable, as on a plain install.
_WITHOUT = "import sys; sys.modules['datasketch'] = None; from rectext.cli import run; sys.argv = {argv!r}; run()"


def _run_without_datasketch(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _WITHOUT.format(argv=argv)], capture_output=True, text=True,
                          timeout=120)


def test_batch_analyze_without_the_extra_exits_2_naming_it(tmp_path):
    out = tmp_path / "out"
    done = _run_without_datasketch(["rectext", "batch", str(FIXTURES / "gold"), "-o", str(out), "--analyze",
                                    "--quiet"])
    assert done.returncode == 2
    assert "rectext[analysis]" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_plain_batch_and_parse_need_no_extra(tmp_path):
    done = _run_without_datasketch(["rectext", "batch", str(FIXTURES / "gold"), "-o", str(tmp_path / "out"),
                                    "--quiet"])
    assert done.returncode == 0, done.stderr
    parsed = _run_without_datasketch(["rectext", str(FIXTURES / "seed-traditional.txt")])
    assert parsed.returncode == 0 and parsed.stdout.startswith("{")


def test_the_library_names_the_extra(monkeypatch):
    from rectext.corpus import recurrence

    monkeypatch.setitem(sys.modules, "datasketch", None)
    with pytest.raises(recurrence.MissingExtra, match=r"rectext\[analysis\]"):
        recurrence.require_analysis()
