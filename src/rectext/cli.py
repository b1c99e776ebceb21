"""The command-line program: a thin layer over :func:`rectext.parse`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__

EXIT_OK, EXIT_WARNINGS, EXIT_USAGE = 0, 1, 2

EPILOG = """\
commands:
  rectext FILE          parse one notice (.txt or saved .html) and print its JSON
  rectext -             read the notice from standard input
  rectext schema        print the JSON Schema of the output

exit status:
  0  parsed
  1  parsed, but --strict was given and a warning or error diagnostic was raised
  2  usage error, or the input could not be read (one line on stderr names the file and why)
"""


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="rectext",
        description="Turn a Chinese inspection-rectification notice into validated, source-grounded JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("path", metavar="FILE", help="the notice: a text or HTML file, or - for standard input")
    ap.add_argument("--compact", action="store_true", help="print the JSON on one line")
    ap.add_argument("--strict", action="store_true", help="exit with 1 when a warning diagnostic is raised")
    ap.add_argument("--encoding", help="decode the input with this encoding instead of detecting it")
    ap.add_argument("--version", action="version", version=f"rectext {__version__}")
    return ap


def _write(text: str) -> None:
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    data = (text + "\n").encode("utf-8")
    if out is not None:
        out.write(data)
        out.flush()
    else:  # a replaced sys.stdout (tests, notebooks)
        sys.stdout.write(text + "\n")


def _error(name: str, reason: str) -> int:
    print(f"rectext: {name}: {reason}", file=sys.stderr)
    return EXIT_USAGE


def _schema(compact: bool) -> int:
    from .models import Notice

    schema = Notice.model_json_schema()
    _write(json.dumps(schema, ensure_ascii=False, indent=None if compact else 2))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "schema":
        return _schema("--compact" in argv[1:])
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage or help
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .parser import parse
    from .reader import InputError, read_source, source_from_bytes

    name = "<stdin>" if args.path == "-" else args.path
    try:
        if args.path == "-":
            source = source_from_bytes(sys.stdin.buffer.read(), args.encoding)
        else:
            source = read_source(args.path, args.encoding)
    except InputError as exc:
        return _error(name, str(exc))
    except OSError as exc:
        return _error(name, exc.strerror or str(exc))
    notice = parse(source.text)
    try:
        _write(notice.model_dump_json(indent=None if args.compact else 2))
    except BrokenPipeError:
        return EXIT_OK
    if args.strict and any(d.level in ("warning", "error") for d in notice.diagnostics):
        return EXIT_WARNINGS
    return EXIT_OK
