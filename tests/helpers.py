"""Helpers the tests share: reading a batch's outputs, running the command."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

RECTEXT = [sys.executable, "-m", "rectext"]


def jsonl(out: Path) -> list[dict]:
    """The records of OUT/notices.jsonl."""
    return [json.loads(line) for line in (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()]


def record_path(record: dict) -> str:
    """The input path of a journal record: an error record or a notice."""
    return record.get("path") or record["input"]["path"]


def csv_rows(out: Path, name: str) -> list[dict]:
    """The rows of OUT/name.csv, which must start with a BOM (Excel reads the Chinese then)."""
    raw = (out / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    with open(out / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def run(*args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """``python -m rectext ARGS`` in a fresh interpreter, its output captured."""
    return subprocess.run([*RECTEXT, *args], capture_output=True, timeout=timeout, **kw)
