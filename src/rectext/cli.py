"""The command-line program: a thin layer over :func:`rectext.parse`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__
from .reader import DEFAULT_MAX_BYTES

EXIT_OK, EXIT_WARNINGS, EXIT_USAGE = 0, 1, 2

EPILOG = """\
commands:
  rectext FILE          parse one notice (.txt or saved .html) and print its JSON
  rectext -             read the notice from standard input
  rectext A B C --jsonl parse several notices, one JSON object per line, in order;
                        an input that cannot be read gives {"path", "error", "message"}
  rectext schema        print the JSON Schema of the output

exit status:
  0  parsed (every input, when there are several)
  1  parsed, but --strict was given and a warning or error diagnostic was raised
  2  usage error, or an input could not be read (one line on stderr names the file and why)
"""


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="rectext",
        description="Turn a Chinese inspection-rectification notice into validated, source-grounded JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("paths", metavar="FILE", nargs="+",
                    help="the notice: a text or HTML file, or - for standard input; several with --jsonl")
    ap.add_argument("--compact", action="store_true", help="print the JSON on one line")
    ap.add_argument("--jsonl", action="store_true", help="one compact JSON object per line, one line per input")
    ap.add_argument("--max-bytes", type=int, default=None, metavar="N",
                    help=f"refuse inputs larger than N bytes (default {DEFAULT_MAX_BYTES:,})")
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


def _write_json(model, indent: int | None) -> None:
    """Serialise straight to UTF-8 bytes: a large notice is not held twice as str and bytes."""
    data = model.__pydantic_serializer__.to_json(model, indent=indent)
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if out is None:  # a replaced sys.stdout (tests, notebooks)
        sys.stdout.write(data.decode("utf-8") + "\n")
        return
    out.write(data)
    out.write(b"\n")
    out.flush()


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
    if len(args.paths) > 1 and not args.jsonl:
        return _error("rectext", "several inputs need --jsonl (one JSON object per line)")
    status = EXIT_OK
    for path in args.paths:
        code = _one(path, args)
        status = max(status, code) if code != EXIT_USAGE else EXIT_USAGE
    return status


def _one(path: str, args: argparse.Namespace) -> int:
    from .api import parse_source
    from .reader import InputError, read_source, source_from_bytes

    name = "<stdin>" if path == "-" else path
    limit = args.max_bytes or DEFAULT_MAX_BYTES
    try:
        if path == "-":
            source = source_from_bytes(sys.stdin.buffer.read(), args.encoding, max_bytes=limit)
        else:
            source = read_source(path, args.encoding, limit)
    except (InputError, OSError) as exc:
        reason = str(exc) if isinstance(exc, InputError) else (exc.strerror or str(exc))
        if args.jsonl:
            _write(json.dumps({"path": name, "error": "input", "message": reason}, ensure_ascii=False))
        return _error(name, reason)
    notice = parse_source(source, None if path == "-" else path)
    compact = args.compact or args.jsonl
    try:
        _write_json(notice, None if compact else 2)
    except BrokenPipeError:
        return EXIT_OK
    if args.strict and any(d.level in ("warning", "error") for d in notice.diagnostics):
        return EXIT_WARNINGS
    return EXIT_OK
