"""The shape of the code a maintainer picks up: short functions, node kinds spelled in one place."""

from __future__ import annotations

import ast
import re
import statistics
from pathlib import Path

import rectext

SRC = Path(rectext.__file__).parent


def _functions():
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield f"{path.name}:{node.name}", node.end_lineno - node.lineno + 1


def test_functions_stay_short():
    lengths = dict(_functions())
    ordered = sorted(lengths.values())
    assert statistics.median(ordered) <= 10
    assert ordered[int(len(ordered) * 0.9)] <= 22
    assert {name: n for name, n in lengths.items() if n > 50} == {}


def test_node_kinds_are_spelled_in_two_modules_at_most():
    kind = re.compile(r"[\"'](?:section|group|problem|measure|item)[\"']")
    spelled = {path.name for path in SRC.rglob("*.py") if kind.search(path.read_text(encoding="utf-8"))
               and path.name != "htmltext.py"}  # htmltext's "section" is the HTML element
    assert spelled <= {"vocab.py", "models.py"}
