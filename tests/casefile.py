"""Read the readable case files under tests/fixtures/cases.

A case file holds many small cases::

    ### name
    the notice text
    ---
    the expected outline (rectext.outputs.outline.render_outline)
    --- diagnostics
    numbering-gap

Lines starting with "# " before the first case are comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Case:
    name: str
    line: int
    text: str
    outline: str
    diagnostics: list[str] = field(default_factory=list)


def read_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].startswith("### "):
            i += 1
            continue
        name, start = lines[i][4:].strip(), i + 1
        parts: list[list[str]] = [[]]
        i += 1
        while i < len(lines) and not lines[i].startswith("### "):
            if lines[i] in ("---", "--- diagnostics"):
                parts.append([])
            else:
                parts[-1].append(lines[i])
            i += 1
        text = "\n".join(parts[0]) + "\n"
        outline = "\n".join(ln for ln in parts[1] if ln.strip()) + "\n" if len(parts) > 1 else ""
        if outline == "\n":
            outline = ""
        codes = [ln.strip() for ln in parts[2] if ln.strip()] if len(parts) > 2 else []
        cases.append(Case(name, start, text, outline, codes))
    return cases
