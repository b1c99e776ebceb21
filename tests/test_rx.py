"""The file of compiled patterns (rectext.rx): what it loads, what it refuses, when it is written."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import zlib
from pathlib import Path

import regex

from rectext import rx

SEED = Path(__file__).parent / "fixtures" / "seed-traditional.txt"


def _patterns() -> dict[tuple[str, int], regex.Pattern[str]]:
    flags = int(regex.X | regex.M)
    return {(r"(?P<n>\d+)年", 0): regex.compile(r"(?P<n>\d+)年"),
            ("  一 、 # a comment\n", flags): regex.compile("  一 、 # a comment\n", flags)}


def test_a_file_gives_back_the_patterns_it_was_written_with() -> None:
    loaded = rx._decode(rx.encode(_patterns()))
    assert loaded is not None and set(loaded) == set(_patterns())
    for (text, flags), pattern in loaded.items():
        assert pattern.pattern == text and pattern.flags == regex.compile(text, flags).flags
    assert loaded[(r"(?P<n>\d+)年", 0)].search("自2024年起")["n"] == "2024"  # type: ignore[index]
    assert loaded[("  一 、 # a comment\n", int(regex.X | regex.M))].findall("一、\n一、") == ["一、", "一、"]


def test_damaged_or_foreign_files_are_ignored() -> None:
    good = rx.encode(_patterns())
    assert rx._decode(good[:-3]) is None  # cut short: the checksum fails
    assert rx._decode(b"other\n" + good[len(rx._MAGIC):]) is None  # not ours
    flipped = bytearray(good)
    flipped[-10] ^= 0xFF
    assert rx._decode(bytes(flipped)) is None
    assert rx._decode(b"") is None


def test_a_file_that_would_call_anything_else_is_refused_unrun(tmp_path: Path) -> None:
    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.system, (f"touch {tmp_path / 'ran'}",)

    payload = pickle.dumps([(0, Evil())])
    data = rx._MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload
    assert rx._decode(data) is None
    assert not (tmp_path / "ran").exists()
    payload = pickle.dumps([(0, "not a pattern")])
    assert rx._decode(rx._MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload) is None


def _run(cache: Path | str, *, bytecode: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["RECTEXT_PATTERN_CACHE"] = str(cache)
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-m", "rectext", str(SEED)], env=env, capture_output=True,
                          text=True, encoding="utf-8", check=True)


_MISSED = "import rectext.parser, rectext.outputs.jsonout, rectext.cli.program, rectext.rx as r; print(r._missed)"


def test_the_command_writes_the_file_once_and_then_compiles_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.pickle"
    plain = _run("0").stdout
    assert not cache.exists()
    assert _run(cache).stdout == plain
    loaded = rx._decode(cache.read_bytes())
    assert loaded is not None and len(loaded) > 100
    env = {**os.environ, "RECTEXT_PATTERN_CACHE": str(cache)}
    missed = subprocess.run([sys.executable, "-c", _MISSED], env=env, capture_output=True, text=True, check=True)
    assert missed.stdout.strip() == "False"
    assert _run(cache).stdout == plain  # from the file, the same output


def test_no_file_where_bytecode_is_not_written(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.pickle"
    _run(cache, bytecode=False)
    assert not cache.exists()


def test_a_place_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file, not a folder")
    result = _run(blocked / "patterns.pickle")
    assert result.returncode == 0 and result.stderr == ""


def test_the_file_goes_to_the_users_cache_not_beside_the_package(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RECTEXT_PATTERN_CACHE")}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    package = Path(rx.__file__).parent
    before = {p for p in package.rglob("*") if "pattern" in p.name}
    subprocess.run([sys.executable, "-m", "rectext", str(SEED)], env=env, capture_output=True, check=True)
    written = list((tmp_path / "rectext").glob("patterns.*.pickle"))
    assert len(written) == 1 and rx._decode(written[0].read_bytes())
    assert {p for p in package.rglob("*") if "pattern" in p.name} == before
