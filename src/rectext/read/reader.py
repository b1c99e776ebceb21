"""Reading a notice as it really comes: bytes → text, HTML → text, pinyin annotations out.

Errors are :class:`InputError` with a one-line reason; the CLI prints them
with the file name and exits with status 2.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections import namedtuple

from .. import rx
from .errors import InputError as InputError  # the readers' error, also known here
from .htmltext import html_to_text, looks_like_html
from .unwrap import unwrap

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from typing import BinaryIO

DEFAULT_MAX_BYTES = 256 * 1024 * 1024  # 256 MiB; --max-bytes changes it
# Numbered markers a notice may hold (--max-nodes changes it). Real notices have a few hundred;
# each node costs about 3 KB while it is parsed, so this keeps a hostile input under 400 MB.
DEFAULT_MAX_NODES = 50_000
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"\x7fELF", b"\x1f\x8b",
                 b"BM", b"II*\x00", b"MM\x00*", b"Rar!", b"7z\xbc\xaf", b"\xd0\xcf\x11\xe0")
# Detected names mapped to the superset codec that decodes what the name promises and more.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950", "cp936": "gb18030"}
_CANDIDATES = ["utf_8", "gb18030", "big5", "cp950", "utf_16", "utf_32"]
# What a reader may make of an input: this many characters of text for each byte of it (a .docx
# unpacks tenfold, a web page's table repeats its column names; real inputs give less than two).
TEXT_PER_BYTE = 20
# A character that shows: not white space, a control or a format character (BOM, zero-width space).
_VISIBLE = rx.compile(r"[^\s\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]")
# 关(guān)于: a pinyin reading in brackets right after a character.
PINYIN = rx.compile(r"(?<=\p{Han})[(（]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,6}[1-5]?\s*[)）]")


class Source(namedtuple("Source", "text encoding format size sha256 cleaned")):
    """The decoded text of one input and how it was obtained.

    ``format`` is "text" or "html"; ``size`` the input's bytes; ``cleaned`` what was
    removed before parsing, with counts (pinyin readings).
    """

    __slots__ = ()

    def info(self, path: str | None) -> dict[str, object]:
        """How the text was read, as a :class:`~rectext.models.InputInfo` record (``Notice.input``)."""
        return {"path": path, "encoding": self.encoding, "format": self.format, "bytes": self.size,
                "sha256": self.sha256, "cleaned": dict(self.cleaned)}


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes: a forced encoding, a BOM, UTF-8, or what charset-normalizer detects."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}") from None
    if (found := _bom(data) or _utf16(data)) is not None:
        return found
    if _binary(data):
        raise InputError("binary content, not text" + (_UTF16_HINT if _nuls_at_one_parity(data) else ""))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:8192]
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return b"\x00" in head or controls > len(head) // 50


_UTF16_HINT = " (if it is UTF-16 text without a byte-order mark: --encoding utf-16-le)"


def _nuls_at_one_parity(data: bytes) -> bool:
    """NUL bytes mostly at odd or mostly at even places, as in UTF-16 text: worth the hint."""
    head = data[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return not data.startswith(_BINARY_MAGIC) and max(even, odd) >= 4 * min(even, odd) + 1


def _bom(data: bytes) -> tuple[str, str] | None:
    """The text and encoding its byte-order mark names (None: no mark, or bytes that do not decode)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return None
    return None


def _utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: "utf-16-le" or "utf-16-be" when the NUL bytes of the first
    8 KB (the high bytes of ASCII characters) and its decoding tell: the characters a notice is
    written in, and line breaks or NUL bytes at one parity only; else None."""
    head = data[:8192]
    if len(data) % 2 or head.count(0) < len(head) // 200 + 1:
        return None
    best = max(("utf-16-le", "utf-16-be"), key=lambda name: _readable(head, name))
    one_parity = not head[0::2].count(0) or not head[1::2].count(0)
    lines = "\n" in head.decode(best, "replace")
    if _readable(head, best) < 0.95 or not (lines or one_parity):
        return None
    try:
        return data.decode(best), best
    except UnicodeDecodeError:  # an unpaired surrogate further on: not UTF-16 after all
        return None


def _readable(head: bytes, name: str) -> float:
    """The share of the characters decoded from ``head`` that a notice is written in."""
    text = head.decode(name, "replace")
    if not text:
        return 0.0
    ok = sum(1 for ch in text if ch in "\t\n\r" or " " <= ch <= "~" or "\u3000" <= ch <= "\u9fff"
             or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u206f")
    return ok / len(text)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise InputError("bytes decode in no supported encoding (UTF-8, UTF-16, GB18030, Big5)")
    name = _SUPERSET.get(best.encoding.replace("_", "").lower(), best.encoding)
    try:
        return data.decode(name), name
    except UnicodeDecodeError:
        return str(best), best.encoding


_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one input file; :class:`InputError` says in one line why they cannot be had.

    A named pipe, a device or a socket is refused before it is opened (opening a FIFO with
    no writer would wait for ever); standard input is read by :func:`read_stream`.
    """
    try:  # os rather than pathlib: pathlib's import is a tenth of the command's start-up
        kind = os.stat(path).st_mode
        for test, what in _SPECIAL:
            if test(kind):
                raise InputError(f"is {what}, not a file (use - to read standard input)")
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError("is a directory")
            if info.st_size > max_bytes:
                raise InputError(f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
            return f.read()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def read_stream(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES, chunk: int = 1 << 20) -> bytes:
    """All of a binary stream (standard input) in chunks, refused as soon as it passes ``max_bytes``."""
    parts: list[bytes] = []
    size = 0
    while True:
        try:
            part = stream.read(chunk)
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
        if not part:
            return b"".join(parts)
        size += len(part)
        if size > max_bytes:
            raise InputError(f"input is over the limit of {max_bytes:,} bytes (--max-bytes)")
        parts.append(part)


def read_source(path: str | os.PathLike[str], encoding: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, max_nodes: int | None = DEFAULT_MAX_NODES) -> Source:
    """Read one notice file (text or HTML) into text."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    return source_from_bytes(read_bytes(path, max_bytes), encoding, suffix, max_bytes, max_nodes)


def check_nodes(text: str, max_nodes: int | None = DEFAULT_MAX_NODES) -> None:
    """:class:`InputError` when the text holds more numbered markers than ``max_nodes``.

    A marker takes at least one character (①), so shorter texts are not even scanned.
    """
    if max_nodes is None or len(text) <= max_nodes:
        return
    from ..structure.markers import count_candidates

    found = count_candidates(text)
    if found > max_nodes:
        raise InputError(f"{found:,} numbered markers, over the limit of {max_nodes:,} nodes (--max-nodes)")


def check_size(text: str, size: int, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str = "text") -> None:
    """:class:`InputError` when the text read from an input of ``size`` bytes is longer than
    ``max_bytes`` characters or :data:`TEXT_PER_BYTE` times the input."""
    limit = min(max_bytes, TEXT_PER_BYTE * size)
    if len(text) > limit:
        why = "(--max-bytes)" if limit == max_bytes else f"({TEXT_PER_BYTE} times the input's {size:,} bytes)"
        raise InputError(f"the {fmt} input gives {len(text):,} characters of text, over the limit of {limit:,} {why}")


def source_from_bytes(data: bytes, encoding: str | None = None, suffix: str = "",
                      max_bytes: int = DEFAULT_MAX_BYTES, max_nodes: int | None = DEFAULT_MAX_NODES) -> Source:
    """Decode and, for HTML, extract the text of one input.

    Refused with :class:`InputError`: over ``max_bytes``, and text with more numbered
    markers than ``max_nodes`` (None: no limit), which could only be a hostile input.
    """
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data):,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
    if not data.strip():
        raise InputError("empty file")
    text, used, fmt, cleaned, full = _extract(data, encoding, suffix, max_bytes)
    check_size(text, len(data), max_bytes, fmt)
    text, pinyin = PINYIN.subn("", text)
    if _VISIBLE.search(text) is None:
        raise InputError("no text in the input" + (" (only white space and invisible characters)" if text else ""))
    text, unwrapped = unwrap(text, full)
    check_nodes(text, max_nodes)
    cleaned = {k: n for k in (*cleaned, *unwrapped) if (n := cleaned.get(k, 0) + unwrapped.get(k, 0))}
    if pinyin:
        cleaned = {"pinyin": pinyin, **cleaned}
    return Source(text, used, fmt, len(data), hashlib.sha256(data).hexdigest(), cleaned)


def _extract(data: bytes, encoding: str | None, suffix: str,
             max_bytes: int) -> tuple[str, str, str, dict[str, int], frozenset[int] | None]:
    """The text of the input, the encoding (or, for Word and PDF, the reader), the format, what
    extracting removed, and for a PDF the lines its layout shows are full (else None: unwrap
    tells from the text). Word and PDF files are known by their content, not their name."""
    if b"%PDF-" in data[:1024]:  # the signature may follow a little junk: the format allows 1,024 bytes
        from .pdftext import pdf_to_text

        text, cleaned, full = pdf_to_text(data)
        return text, "pdfium", "pdf", cleaned, full
    if data.startswith(b"PK\x03\x04"):
        from .wordtext import read_docx, zip_refusal

        if (why := zip_refusal(data, max_bytes)) is not None:
            raise InputError(why)
        text, cleaned = read_docx(data)
        return text, "python-docx", "docx", cleaned, None
    if data.startswith(_OLE):
        raise InputError(_ole_refusal(data))
    text, used = decode(data, encoding)
    if suffix in (".html", ".htm", ".xhtml", ".shtml") or looks_like_html(text):
        return html_to_text(text), used, "html", {}, None
    return text, used, "text", {}, None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole_refusal(data: bytes) -> str:
    """Why an OLE compound file (the binary Office formats) is not read, and what to do."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "a password-protected Office file: open it, save it without a password as .docx, and run again"
    if "WordDocument".encode("utf-16-le") in data:
        return ("a Word 97-2003 document (.doc), which rectext does not read: convert it to .docx first, "
                "e.g. libreoffice --headless --convert-to docx FILE.doc")
    return "an older Office file (OLE compound document), not a notice: save it as .docx, .txt or .pdf"
