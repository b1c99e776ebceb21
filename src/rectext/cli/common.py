"""What every command of the program shares: exit statuses, the limit options, writing and errors."""

from __future__ import annotations

import argparse
import sys

from ..read.reader import DEFAULT_MAX_BYTES, DEFAULT_MAX_NODES

EXIT_OK, EXIT_WARNINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_PIPE = 141  # 128 + SIGPIPE: the reader of standard output went away (| head)
EXIT_TERMINATED = 143  # 128 + SIGTERM

LANGS = ("zh-Hans", "zh-Hant", "en", "zh")  # zh: zh-Hans, as before


def _lang(ap: argparse.ArgumentParser, what: str = "the labels and the diagnostics' messages") -> None:
    ap.add_argument("--lang", choices=LANGS, default=None, metavar="{zh-Hans,zh-Hant,en}",
                    help=f"the language of {what}: zh-Hans, zh-Hant or en (zh = zh-Hans); "
                         "by default the notice's own script")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not above 0")
    return number


def _limits(ap: argparse.ArgumentParser) -> None:
    """--max-bytes and --max-nodes: what an input may be before it is refused (exit 2, or an error record)."""
    ap.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N",
                    help=f"refuse inputs larger than N bytes (default {DEFAULT_MAX_BYTES:,})")
    ap.add_argument("--max-nodes", type=_positive, default=DEFAULT_MAX_NODES, metavar="N",
                    help=f"refuse inputs with more than N numbered markers (default {DEFAULT_MAX_NODES:,}; "
                         "real notices have a few hundred)")


class OutputError(Exception):
    """Standard output could not be written (a full disk, a closed descriptor)."""


def _write(text: str) -> None:
    _write_bytes(text.encode("utf-8"))


def _write_bytes(data: bytes) -> None:
    """One result and a line break, as UTF-8 whatever the terminal's encoding."""
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    try:
        if out is not None:
            out.write(data)
            out.write(b"\n")
            out.flush()
        else:  # a replaced sys.stdout (tests, notebooks)
            sys.stdout.write(data.decode("utf-8") + "\n")
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None


def _error(name: str, reason: str) -> int:
    print(f"rectext: {name}: {reason}", file=sys.stderr)
    return EXIT_USAGE


def _reader_gone() -> int:
    """The reader of standard output went away (``| head``): point the descriptor at /dev/null, so that
    nothing buffered fails again when the interpreter leaves, and exit as the shell would have it (141)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # a replaced sys.stdout (tests, notebooks)
        pass
    return EXIT_PIPE
