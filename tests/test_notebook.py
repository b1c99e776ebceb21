"""The worked analysis notebook runs top to bottom on the shipped fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "corpus_analysis.ipynb"


def test_notebook_is_committed_without_outputs():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


@pytest.mark.slow
def test_notebook_executes(monkeypatch, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    # the kernel must be this interpreter, whatever "python" is on PATH
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    monkeypatch.delenv("RECTEXT_CORPUS", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # A label drawn as boxes is an error: matplotlib warns "Glyph … missing from font(s) …" when it falls
    # back to a font without the character; that warning is made an error in the kernel, before any chart.
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        'import warnings\nwarnings.filterwarnings("error", message=r"(?s)Glyph .* missing from (current )?font")'))
    nb.cells.append(nbformat.v4.new_code_cell('assert label(float("nan"), "in/a-notice.txt") == "a-notice"'))
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "missing from" not in text, "a chart's labels would show as boxes"
    assert "No CJK font is installed" not in text, "install a CJK font (fonts-noto-cjk), as the README says"
    assert "Chinese labels in " in text
    assert "6 rectification notices" in text
    assert "findings repeat an earlier notice of the same body" in text
    assert "completion: 16 of 54 problems completed in 9 notices; 5 overdue" in text
    assert any("image/png" in o.get("data", {}) for o in outputs if o.output_type == "display_data")
