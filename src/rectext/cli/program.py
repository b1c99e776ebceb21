"""The command-line program: a thin layer over :func:`rectext.parse`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from .. import __version__
from .common import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_WARNINGS,
    OutputError,
    _error,
    _lang,
    _limits,
    _write,
    _write_bytes,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..models import Notice

# From this many characters the JSON is validated and written by Pydantic (see _one).
PYDANTIC_FROM = 1_000_000
FORMATS = ("json", "jsonl", "outline", "markdown", "html")

# name → (what it does, in one line); each command has its own --help
COMMANDS = {
    "parse": "parse notices and print their JSON, outline or Markdown (the default: rectext FILE)",
    "batch": "a corpus to notices.jsonl, CSV tables and SQLite, in parallel",
    "eval": "precision, recall and F1 against gold annotations",
    "render": "a self-contained review page of one notice",
    "schema": "print the JSON Schema of the output",
}

EPILOG = """\
examples:
  rectext notice.txt            parse one notice (.txt or saved .html) and print its JSON
  rectext -                     read the notice from standard input
  rectext A B C --jsonl         several notices, one JSON object per line, in order;
                                an input that cannot be read gives {"path", "error", "message"}
  rectext notice.txt --explain  the outline, with the rule that decided each node's kind

exit status:
  0  parsed (every input, when there are several)
  1  parsed, but --strict was given and a warning or error diagnostic was raised
  2  usage error, or an input could not be read or is over a limit (--max-bytes, --max-nodes),
     or the output could not be written (one line on stderr names the file and why)
  3  internal error: a result failed its check against the output schema (a bug; please report it)
  130  interrupted (Ctrl-C)
"""


def _top_help() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {what}" for name, what in COMMANDS.items()]
    return ("usage: rectext [parse] FILE... [options]\n       rectext COMMAND [options]  (rectext COMMAND -h)\n\n"
            "Turn Chinese inspection-rectification notices into validated, source-grounded data.\n\n"
            "commands:\n" + "\n".join(lines) + "\n\n" + EPILOG)


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="rectext parse",
        usage="rectext [parse] FILE [FILE ...] [options]",
        description="Turn a Chinese inspection-rectification notice into validated, source-grounded JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("paths", metavar="FILE", nargs="+",
                    help="the notice: a text or HTML file, or - for standard input; several with --jsonl")
    ap.add_argument("--compact", action="store_true", help="print the JSON on one line")
    ap.add_argument("--jsonl", action="store_true", help="one compact JSON object per line, one line per input")
    ap.add_argument("--format", choices=FORMATS, default="json",
                    help="json (default), jsonl (= --jsonl), outline (the indented tree with spans), markdown, "
                         "html (the review page)")
    _limits(ap)
    ap.add_argument("--explain", action="store_true",
                    help="the outline, with the rule that decided each node's kind (implies --format outline)")
    ap.add_argument("--strict", action="store_true", help="exit with 1 when a warning diagnostic is raised")
    ap.add_argument("--encoding", help="decode the input with this encoding instead of detecting it")
    ap.add_argument("--analyze", action="store_true",
                    help="add the analysis layer: categories, tags, keywords, measure specificity (loads jieba)")
    _lang(ap)
    ap.add_argument("--version", action="version", version=f"rectext {__version__}")
    return ap


def _rendered(notice: Notice, fmt: str, explain: bool = False, lang: str = "zh") -> str:
    if fmt == "html":
        from ..outputs.review import render_html

        return render_html(notice, lang)
    from ..outputs.outline import render_markdown, render_outline

    if fmt == "markdown":
        return render_markdown(notice)
    rules: dict[int, str] | None = None
    if explain:
        from ..parser import parse_record

        rules = {}
        parse_record(notice.text, rules)
    return render_outline(notice, spans=True, rules=rules)


def _schema_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rectext schema", description="Print the JSON Schema of rectext's output.")
    ap.add_argument("--compact", action="store_true", help="on one line")
    return ap


def _schema(args: argparse.Namespace) -> int:
    from ..outputs.jsonout import load_schema

    _write(json.dumps(load_schema(), ensure_ascii=False, indent=None if args.compact else 2))
    return EXIT_OK


def run() -> None:
    """The program's entry point (``rectext``, ``python -m rectext``): :func:`main`, then exit.

    After parsing notices, the output is flushed and the process leaves with ``os._exit``:
    the interpreter's teardown of the compiled patterns and modules would take about a tenth
    of the command's time (measured over 40 paired runs on the seed: 14 ms of 139 ms), and
    nothing is left to clean up (no files, pools or handlers are open on that path). The
    subcommands exit normally.
    """
    argv = sys.argv[1:]
    code = main(argv)
    if argv and argv[0] in _COMMANDS:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away: nothing more to say
        pass
    except OSError as exc:
        code = _error("<stdout>", exc.strerror or str(exc))
    import os

    os._exit(code)


_COMMANDS = ("batch", "eval", "render", "schema")  # the commands that leave normally (parse leaves at once)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv)
    except OutputError as exc:
        return _error("<stdout>", str(exc))
    except KeyboardInterrupt:  # Ctrl-C while parsing one input: no traceback
        print("rectext: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _dispatch(argv: list[str]) -> int:
    """A command by its name; anything else is the short form of ``rectext parse``."""
    if not argv or argv[0] in ("-h", "--help"):
        print(_top_help(), file=sys.stdout if argv else sys.stderr, end="")
        return EXIT_OK if argv else EXIT_USAGE
    if argv[0] == "--version":
        _write(f"rectext {__version__}")
        return EXIT_OK
    handlers = _handlers()
    name, rest = (argv[0], argv[1:]) if argv[0] in handlers else ("parse", argv)
    typo = _mistyped(argv[0]) if rest is argv else None  # the short form: a file, or a slip of the hand
    if typo:
        print(f"rectext: {argv[0]!r} is neither a command nor a file; did you mean {typo!r}? "
              "(rectext --help lists the commands)", file=sys.stderr)
        return EXIT_USAGE
    parser, action = handlers[name]
    try:
        args = parser().parse_args(rest)
    except SystemExit as exc:  # argparse has printed usage or help
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    return action(args)


def _handlers() -> dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]]:
    """Each command's parser and action."""
    from .batch import _batch, _batch_parser

    return {"parse": (_parser, _run), "batch": (_batch_parser, _batch), "eval": (_eval_parser, _eval),
            "render": (_render_parser, _render), "schema": (_schema_parser, _schema)}


def _mistyped(word: str) -> str | None:
    """The command a word that names no file was probably meant to be (bach → batch)."""
    import os

    if word.startswith("-") or os.path.exists(word):
        return None
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    return close[0] if close else None


def _run(args: argparse.Namespace) -> int:
    if args.explain:
        if args.format not in ("json", "outline") or args.jsonl:
            print(f"rectext: --explain shows the outline; it does not go with --format {args.format}",
                  file=sys.stderr)
            return EXIT_USAGE
        args.format = "outline"
    args.jsonl = args.jsonl or args.format == "jsonl"
    if len(args.paths) > 1 and not args.jsonl:
        print("rectext: several inputs need --jsonl (one JSON object per line)", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for path in args.paths:
        code = _one(path, args)
        status = max(status, code)  # 3 over 2 over 1 over 0
    return status


def _one(path: str, args: argparse.Namespace) -> int:
    from ..read.errors import InputError
    from ..read.reader import read_source, read_stream, source_from_bytes

    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            source = source_from_bytes(read_stream(sys.stdin.buffer, args.max_bytes), args.encoding,
                                       max_bytes=args.max_bytes, max_nodes=args.max_nodes)
        else:
            source = read_source(path, args.encoding, args.max_bytes, args.max_nodes)
    except (InputError, OSError) as exc:
        reason = str(exc) if isinstance(exc, InputError) else (exc.strerror or str(exc))
        if args.jsonl:
            _write(json.dumps({"path": name, "error": "input", "message": reason}, ensure_ascii=False))
        return _error(name, reason)
    where = None if path == "-" else path
    rendered = args.format in ("outline", "markdown", "html") and not args.jsonl
    indent = None if args.compact or args.jsonl else 2
    if args.analyze or rendered or len(source.text) >= PYDANTIC_FROM:
        # The validated model: the analysis and the renderings need it, and for a large notice
        # Pydantic's writer is faster than the standard library's while its import no longer shows.
        from ..api import parse_source

        notice = parse_source(source, where, args.analyze)
        data = (_rendered(notice, args.format, args.explain, args.lang).rstrip("\n").encode("utf-8") if rendered
                else notice.__pydantic_serializer__.to_json(notice, indent=indent))
        levels = [(d.level, d.code, d.message) for d in notice.diagnostics]
    else:  # the parse record, checked against the schema and written without loading Pydantic: same bytes
        from ..api import record_source
        from ..outputs.jsonout import RecordError, dumps

        record = record_source(source, where)
        try:
            data = dumps(record, indent).encode("utf-8")
        except RecordError as exc:
            print(f"rectext: {name}: internal error: the result failed its schema check ({exc}); "
                  "please report it with the input", file=sys.stderr)
            return EXIT_INTERNAL
        levels = [(d["level"], d["code"], d["message"]) for d in record["diagnostics"]]
    try:
        _write_bytes(data)
    except BrokenPipeError:
        return EXIT_OK
    return _strict(name, levels) if args.strict else EXIT_OK


def _strict(name: str, diagnostics: Sequence[tuple[str, str, str]]) -> int:
    """--strict: each warning and error said on standard error, and exit status 1 when there is one."""
    failing = [(level, code, message) for level, code, message in diagnostics if level in ("warning", "error")]
    for level, code, message in failing:
        print(f"rectext: {name}: {level} {code}: {message}", file=sys.stderr)
    return EXIT_WARNINGS if failing else EXIT_OK


# ---------------------------------------------------------------- eval


def _eval_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rectext eval",
                                 description="Score the parser against NAME.gold.json files beside the notices; "
                                             "with --categories, the categories against the notices' own headings.")
    ap.add_argument("gold_dir", metavar="GOLD_DIR", help="folder with notices and their gold files")
    ap.add_argument("--categories", action="store_true",
                    help="no gold needed: where a group heading names the area, compare the lexicon's category "
                         "(heading hidden) with it, by area, and count problems left 未分类")
    ap.add_argument("--json", action="store_true", help="machine-readable report")
    ap.add_argument("-v", "--verbose", action="store_true", help="list differences for every notice")
    return ap


def _eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..evaluate import evaluate, evaluate_categories, format_categories, format_report

    if not Path(args.gold_dir).is_dir():
        return _error(args.gold_dir, "not a folder")
    if args.categories:
        found = evaluate_categories(args.gold_dir)
        if not found["notices"] and not found["unreadable"]:
            return _error(args.gold_dir, "no notice in it")
        _write(json.dumps(found, ensure_ascii=False, indent=2) if args.json
               else format_categories(found, args.verbose).rstrip("\n"))
        return EXIT_OK
    data = evaluate(args.gold_dir).as_dict()
    if not data["documents"]:
        return _error(args.gold_dir, "no NAME.gold.json beside a notice")
    if args.json:
        _write(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _write(format_report(data, args.verbose).rstrip("\n"))
    return EXIT_OK


# ---------------------------------------------------------------- render


def _render_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rectext render",
                                 description="Write a self-contained HTML review page of one notice.")
    ap.add_argument("path", metavar="FILE", help="the notice (text or HTML), or - for standard input")
    ap.add_argument("-o", "--out", required=True, help="the page to write, e.g. review.html")
    ap.add_argument("--analyze", action="store_true", help="show categories and keywords of each problem")
    ap.add_argument("--encoding", help="decode the input with this encoding instead of detecting it")
    _limits(ap)
    _lang(ap)
    return ap


def _render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..api import parse_source
    from ..outputs.review import render_html
    from ..read.errors import InputError
    from ..read.reader import read_source, read_stream, source_from_bytes

    name = "<stdin>" if args.path == "-" else args.path
    try:
        source = (source_from_bytes(read_stream(sys.stdin.buffer, args.max_bytes), args.encoding,
                                    max_bytes=args.max_bytes, max_nodes=args.max_nodes) if args.path == "-"
                  else read_source(args.path, args.encoding, args.max_bytes, args.max_nodes))
    except InputError as exc:
        return _error(name, str(exc))
    notice = parse_source(source, None if args.path == "-" else args.path, args.analyze)
    try:
        Path(args.out).write_text(render_html(notice, args.lang), encoding="utf-8")
    except OSError as exc:
        return _error(args.out, exc.strerror or str(exc))
    return EXIT_OK
