"""What a batch owns, and what it checks before it writes anything.

Before a batch writes a byte: every input it was given must name something (a folder with notices
in it, a file, a glob that matches), and its output folder must not hold another batch unless it
was asked to go on with it (``--resume``) or to replace it (``--overwrite``). A batch owns the files
it writes into OUT (the journal, the tables, errors.csv, its run record), the SQLite database and
the review pages it was asked for; ``--overwrite`` removes those, and nothing else in the folders.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from .journal import BatchError
from .tables import COLUMNS

RUN_FILE = ".rectext-run.json"  # the options a batch into OUT was run with, and what it wrote beside OUT
# written by the corpus step of --analyze (rectext.corpus.corpustables)
CORPUS_TABLES = ("clusters", "repeats", "completion", "overdue")
JOURNAL = "notices.jsonl"
# A folder's files are all inputs (a binary one gets an error record) except these:
# the tool's own outputs, data and code that a corpus folder often holds beside the notices.
NOT_NOTICES = {".json", ".jsonl", ".csv", ".tsv", ".db", ".sqlite", ".sqlite3", ".ipynb", ".py", ".md", ".db-wal",
               ".db-shm", ".log"}
GLOB_CHARS = set("*?[")
PAGE = re.compile(r"(?:n?[0-9a-f]{16}|error)-\d{5}\.html|index\.html")  # the pages of rectext.outputs.review


def written(out: Path) -> list[Path]:
    """The files a batch writes into OUT."""
    names = [JOURNAL, "errors.csv", *(f"{n}.csv" for n in (*COLUMNS, *CORPUS_TABLES)), RUN_FILE]
    return [out / name for name in names]


def holds_batch(out: Path) -> bool:
    return (out / JOURNAL).exists() or (out / RUN_FILE).exists()


def check(specs: Sequence[str], out: Path, resume: bool = False, overwrite: bool = False) -> None:
    """Refuse, in one line and before anything is written, inputs that name nothing and a folder that
    holds another batch (without --resume or --overwrite)."""
    if resume and overwrite:
        raise BatchError("--resume continues the batch in OUT and --overwrite replaces it: give one of them")
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: is a file; -o takes the folder to write notices.jsonl and the tables to")
    for spec in specs:
        _check_input(spec)
    if holds_batch(out) and not (resume or overwrite):
        raise BatchError(f"{out} already holds a batch ({JOURNAL}); nothing was written: --resume continues it, "
                         "--overwrite replaces it (removing the files that batch wrote, and only those)")


def _check_input(spec: str) -> None:
    p = Path(spec)
    if p.is_dir():
        if not any(_is_notice(f, p) for f in p.rglob("*")):
            raise BatchError(f"{spec}: a folder with no notice in it (expected .txt, .html, .docx or .pdf files, "
                             "in it or in its subfolders)")
    elif p.exists():
        return
    elif GLOB_CHARS & set(spec):
        import glob

        if not any(Path(f).is_file() for f in glob.iglob(spec, recursive=True)):
            raise BatchError(f"{spec}: the pattern matches no file (expected notices: .txt, .html, .docx, .pdf)")
    elif not p.suffix:  # a named file that is gone keeps its place as a failed input; a folder must be there
        raise BatchError(f"{spec}: no such folder (expected a folder of notices, notice files or a glob)")


def _is_notice(f: Path, root: Path) -> bool:
    return (f.suffix.lower() not in NOT_NOTICES and f.is_file()
            and not any(part.startswith(".") for part in f.relative_to(root).parts))


def record(out: Path, options: Mapping[str, object], sqlite: Path | None, html: Path | None) -> None:
    """The run's options, and the database and pages it writes beside OUT (kept from the runs before)."""
    before = _recorded(out)
    owns = {"sqlite": _merged(before.get("sqlite"), sqlite), "html": _merged(before.get("html"), html)}
    (out / RUN_FILE).write_text(json.dumps({**options, **owns}), encoding="utf-8")


def _merged(before: object, now: Path | None) -> list[str]:
    paths = [str(p) for p in before] if isinstance(before, list) else []
    if now is not None and str(now.resolve()) not in paths:
        paths.append(str(now.resolve()))
    return paths


def _paths(recorded: object) -> list[str]:
    return [str(p) for p in recorded] if isinstance(recorded, list) else []


def _recorded(out: Path) -> dict[str, object]:
    try:
        found = json.loads((out / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def clear(out: Path) -> None:
    """--overwrite: remove what the batch in OUT wrote: its files in OUT, its database (with its journal
    files and lock) and its review pages; any other file stays."""
    before = _recorded(out)
    for db in _paths(before.get("sqlite")):
        base = Path(str(db))
        for path in (base, base.with_name(base.name + "-journal"), base.with_name(base.name + "-wal"),
                     base.with_name(base.name + "-shm")):
            path.unlink(missing_ok=True)
    for folder in _paths(before.get("html")):
        pages = Path(str(folder))
        if pages.is_dir():
            for page in pages.iterdir():
                if PAGE.fullmatch(page.name) and page.is_file():
                    page.unlink()
    for path in written(out):
        path.unlink(missing_ok=True)
