"""The batch's journal (``notices.jsonl``) and the lock that keeps one batch per output folder.

The journal is the record of what a batch has finished: one whole line per input,
written and flushed as soon as the input is done. The latest line of a path
wins; :meth:`Journal.load` drops a line that an interruption tore (cut anywhere, even
inside a UTF-8 character) and lines that a later one superseded, by rewriting the
file atomically (a temporary file, then ``os.replace``).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from .ids import from_sha256, normal


class BatchError(Exception):
    """A batch cannot go on: the message is one line for the user (the output is busy, a disk is full)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """Where the latest line of one input is in the journal."""

    notice_id: str
    offset: int
    length: int
    error: str | None  # the error record's kind, None for a parsed notice


def record_key(record: dict[str, Any]) -> tuple[str, str]:
    """(notice id, path) of a journal record: an error record or a notice."""
    info = record.get("input") or {}
    path = record.get("path") if "error" in record else info.get("path")
    notice_id = normal(record.get("notice_id")) if "error" in record else from_sha256(info.get("sha256") or "")
    return notice_id, path or ""


class Journal:
    """notices.jsonl: the inputs a batch finished, the latest line of each path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, Entry] = {}
        self.dropped = 0  # lines torn or unreadable, found by load()
        self.superseded = 0  # lines a later line of the same path replaced
        self._out: BinaryIO | None = None
        self._size = 0

    def load(self) -> None:
        """Read what an earlier run finished; rewrite the file if lines were torn or superseded."""
        self.entries, self.dropped, self.superseded = {}, 0, 0
        if not self.path.exists():
            return
        offset = 0
        with open(self.path, "rb") as f:
            for raw in f:
                entry_at, offset = offset, offset + len(raw)
                record = _record(raw)
                if record is None:
                    self.dropped += 1
                    continue
                notice_id, path = record_key(record)
                self._set(path, Entry(notice_id, entry_at, len(raw), record.get("error")))
        if self.dropped or self.superseded:
            self.compact()

    def _set(self, path: str, entry: Entry) -> None:
        if self.entries.pop(path, None) is not None:
            self.superseded += 1
        self.entries[path] = entry  # at the end: the journal's order is the order lines were written

    def compact(self) -> None:
        """Rewrite the journal with only the latest line of each path, atomically."""
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        entries: dict[str, Entry] = {}
        offset = 0
        with open(self.path, "rb") as src, open(tmp, "wb") as dst:
            for path, e in self.entries.items():
                src.seek(e.offset)
                dst.write(src.read(e.length))
                entries[path] = Entry(e.notice_id, offset, e.length, e.error)
                offset += e.length
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, self.path)
        self.entries, self.superseded = entries, 0

    def open(self) -> None:
        """Open for appending (a new journal when there is none)."""
        self._out = open(self.path, "ab")  # noqa: SIM115
        self._size = self._out.seek(0, os.SEEK_END)

    def append(self, notice_id: str, path: str, line: str, error: str | None) -> None:
        """One input's line, written whole and flushed before the next input."""
        data = line.encode("utf-8") + b"\n"
        assert self._out is not None, "open() first"
        self._out.write(data)
        self._out.flush()
        self._set(path, Entry(notice_id, self._size, len(data), error))
        self._size += len(data)

    def close(self) -> None:
        if self._out is not None:
            out, self._out = self._out, None
            try:
                out.flush()
                os.fsync(out.fileno())
            finally:
                out.close()

    def line(self, path: str) -> str:
        """The latest line of a path, without its line break."""
        e = self.entries[path]
        with open(self.path, "rb") as f:
            f.seek(e.offset)
            return f.read(e.length).decode("utf-8").rstrip("\n")

    def record(self, path: str) -> dict[str, Any]:
        """The latest record of a path (an error record or a notice), decoded."""
        record: dict[str, Any] = json.loads(self.line(path))
        return record



def _record(raw: bytes) -> dict[str, Any] | None:
    """A journal line as a record; None for a line cut short or not a record."""
    if not raw.endswith(b"\n"):
        return None  # the last line of a run that was killed while writing it
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return record if isinstance(record, dict) and record_key(record)[1] else None


_HELD: set[int] = set()  # descriptors of the locks this process holds


def release_inherited() -> None:
    """In a forked worker: close the copies of the batch's lock files. The lock stays with the batch
    (it belongs to the open file, which the batch still has open), and a worker that outlives a
    killed batch no longer keeps the folder locked against ``--resume``."""
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


class Lock:
    """An OS lock (``flock``) on a file, held for a batch's whole run; released when the process ends.

    The file holds the holder's process id so that a refused batch can say who has it.
    The file is left in place: removing a lock file lets two processes hold two files.
    """

    def __init__(self, path: Path, what: str) -> None:
        self.path, self.what = path, what
        self._file: TextIO | None = None

    def __enter__(self) -> Lock:
        f = open(self.path, "a+")
        try:
            _lock(f.fileno())
        except OSError:
            f.seek(0)
            holder = f.read().strip()
            f.close()
            raise BatchError(f"{self.what} is in use by another rectext batch"
                             + (f" (process {holder})" if holder.isdigit() else "")
                             + "; wait for it to end, or write elsewhere") from None
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()))
        f.flush()
        self._file = f
        _HELD.add(f.fileno())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            _HELD.discard(self._file.fileno())
            self._file.close()  # closing the descriptor releases the lock
            self._file = None


def _lock(fd: int) -> None:
    """Take an exclusive lock without waiting; OSError when another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
