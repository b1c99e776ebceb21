"""Compiled patterns, kept between runs the way Python keeps bytecode.

``regex`` parses and compiles a pattern in Python: rectext's ~140 patterns cost about
80 ms at every start, more than the parse of a notice. What ``regex`` pickles is the
compiled form (its ``copyreg`` entry calls ``_regex.compile`` with the code), and
loading that costs microseconds. :func:`compile` returns a pattern from a file of
them when it holds it, else compiles it and, at exit, writes the file anew.

The file lives in the user's cache (``$XDG_CACHE_HOME/rectext``, else ``~/.cache/rectext``;
not beside the package, where ``pip uninstall`` would leave it behind), it is named for the
Python and ``regex`` versions, and it follows Python's rules for bytecode: it is not
written when ``PYTHONDONTWRITEBYTECODE`` is set (``sys.dont_write_bytecode``), and it is
written whole to a temporary file, then renamed. ``RECTEXT_PATTERN_CACHE=0`` turns it off;
``RECTEXT_PATTERN_CACHE=PATH`` keeps it in that file (a read-only home, a test).
Loading guards against a damaged or foreign file: a checksum guards the bytes, the
unpickler admits no callable but ``regex``'s own constructor, and every entry must be a
pattern of the text it is filed under; a file that fails is ignored (and rewritten). The
file is as trusted as the rest of the user's home: whoever can write there can also
change what Python runs.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib

import regex

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

_Key = tuple[str, int]
_MAGIC = b"rectext-patterns-1\n"
_MAX_ENTRIES = 2000  # a file grown past this (patterns edited over many runs) keeps only the newest

_cache: dict[_Key, regex.Pattern[str]] | None = None
_missed = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, from the file of compiled patterns when it holds it."""
    global _cache, _missed
    if _cache is None:
        _cache = _load()
    key = (pattern, flags)
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = regex.compile(pattern, flags)
        if not _missed and _writable():
            import atexit

            atexit.register(save_missed)
        _missed = True
    return found


def _enabled() -> bool:
    return os.environ.get("RECTEXT_PATTERN_CACHE", "1") not in ("0", "")


def _writable() -> bool:
    return _enabled() and not sys.dont_write_bytecode


def _name() -> str:
    return f"patterns.{sys.implementation.cache_tag}.regex-{regex.__version__}.pickle"


def places() -> list[str]:
    """Where the file is kept: in the user's cache, or the file ``RECTEXT_PATTERN_CACHE`` names."""
    chosen = os.environ.get("RECTEXT_PATTERN_CACHE", "1")
    if chosen not in ("0", "1", ""):
        return [chosen]
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [os.path.join(home, "rectext", _name())]


class _Unpickler(pickle.Unpickler):
    """Admits ``regex._regex.compile`` and nothing else that could be called."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


def _load() -> dict[_Key, regex.Pattern[str]]:
    if not _enabled():
        return {}
    for path in places():
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError:
            continue
        loaded = _decode(data)
        if loaded is not None:
            return loaded
    return {}


def _decode(data: bytes) -> dict[_Key, regex.Pattern[str]] | None:
    """The patterns of a file's bytes, or None when anything about them is wrong."""
    head, _, payload = data.partition(b"\n")
    if head + b"\n" != _MAGIC or len(payload) < 4 or zlib.crc32(payload[4:]) != int.from_bytes(payload[:4], "big"):
        return None
    import io

    try:
        entries = _Unpickler(io.BytesIO(payload[4:])).load()
    except Exception:
        return None
    if not isinstance(entries, list):
        return None
    found: dict[_Key, regex.Pattern[str]] = {}
    for entry in entries:
        if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], int)
                and isinstance(entry[1], regex.Pattern) and isinstance(entry[1].pattern, str)):
            return None
        found[(entry[1].pattern, entry[0])] = entry[1]
    return found


def encode(patterns: dict[_Key, regex.Pattern[str]]) -> bytes:
    """The bytes of a file holding these patterns (the inverse of loading it)."""
    payload = pickle.dumps([(int(flags), p) for (_, flags), p in patterns.items()], protocol=pickle.HIGHEST_PROTOCOL)
    return _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload


def save_missed() -> str | None:
    """:func:`save`, when this process compiled a pattern the file did not hold (at exit, and before
    the command line's ``os._exit``)."""
    global _missed
    if not _missed:
        return None
    _missed = False
    return save()


def save() -> str | None:
    """Write the file with every pattern compiled or loaded so far; the path written, or None.

    Runs at exit when a pattern had to be compiled. Any failure (a read-only install, a full
    disk) leaves things as they were: the cache only ever saves time.
    """
    if not _cache or not _writable():
        return None
    patterns = _cache if len(_cache) <= _MAX_ENTRIES else dict(list(_cache.items())[-_MAX_ENTRIES:])
    data = encode(patterns)
    for path in places():
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(temporary, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
            return path
        except OSError:
            with contextlib.suppress(OSError):
                os.remove(temporary)
    return None


class Replay:
    """A pattern's matches, found once and replayed: for code that looks over the same matches in
    several passes, each stopping at its first (the inspection team: numbered, unnumbered, number
    lost). Each pass sees the matches in order; the search goes on only as far as a pass needs."""

    __slots__ = ("_found", "_more")

    def __init__(self, more: Iterator[regex.Match[str]]) -> None:
        self._found: list[regex.Match[str]] = []
        self._more = more

    def __iter__(self) -> Iterator[regex.Match[str]]:
        yield from self._found
        for m in self._more:
            self._found.append(m)
            yield m


def in_runs(pattern: regex.Pattern[str], run: regex.Pattern[str], last: str, folded: str, start: int,
            end: int) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(folded, start, end)``, for a pattern with no lookbehind whose every match is
    made of ``run``'s characters and ends with ``last``: only the runs that hold ``last`` are searched,
    each up to its last one. Matches cannot cross a run's ends, so they are the same."""
    for found in run.finditer(folded, start, end):
        stop = folded.rfind(last, found.start(), found.end())
        if stop >= 0:
            yield from pattern.finditer(folded, found.start(), stop + len(last))
