"""Reading a notice from a file or a stream: bytes → text, HTML → text.

Errors are :class:`InputError` with a one-line reason; the CLI prints them
with the file name and exits with status 2.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from .htmltext import html_to_text, looks_like_html

# Tried in order when the bytes carry no BOM. GB18030 decodes almost any byte
# string, so it comes after the strict ones and is checked for plausibility.
_FALLBACKS = ("utf-8", "gb18030", "big5")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"\x7fELF", b"\x1f\x8b")


class InputError(Exception):
    """A file that cannot be read as a notice; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Source:
    """The decoded text of one input and how it was obtained."""

    text: str
    encoding: str
    html: bool


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes, detecting BOMs and the encodings notices come in."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise InputError("binary content, not text")
    for name in _FALLBACKS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        return text, name
    raise InputError("bytes decode in no supported encoding (UTF-8, UTF-16, GB18030, Big5)")


def read_source(path: str | Path, encoding: str | None = None) -> Source:
    """Read one notice file (text or HTML) into text."""
    p = Path(path)
    if p.is_dir():
        raise InputError("is a directory")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return source_from_bytes(data, encoding, p.suffix.lower())


def source_from_bytes(data: bytes, encoding: str | None = None, suffix: str = "") -> Source:
    """Decode and, for HTML, extract the text of one input."""
    if not data.strip():
        raise InputError("empty file")
    text, used = decode(data, encoding)
    is_html = suffix in (".html", ".htm", ".xhtml", ".shtml") or looks_like_html(text)
    if is_html:
        text = html_to_text(text)
    if not text.strip():
        raise InputError("no text in the input")
    return Source(text, used, is_html)
