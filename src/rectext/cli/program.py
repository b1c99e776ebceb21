"""The command-line program: a thin layer over :func:`rectext.parse`."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Sequence

from .. import __version__
from .common import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    EXIT_WARNINGS,
    OutputError,
    _error,
    _lang,
    _limits,
    _reader_gone,
    _write,
    _write_bytes,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..models import Notice
    from ..read.reader import Source

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
  rectext notice.txt            parse one notice (.txt, saved .html, .docx or .pdf) and print its JSON
  rectext -                     read the notice from standard input
  rectext A B C --jsonl         several notices, one JSON object per line, in order;
                                an input that cannot be read gives {"path", "error", "message"}
  rectext notice.txt --explain  the outline, with the rule that decided each node's kind, and the warnings
  rectext notice.txt --format html --lang en > review.html
                                the review page, labelled in English (zh-Hans, zh-Hant; by default
                                the notice's own script)

exit status:
  0  parsed (every input, when there are several)
  1  parsed, but --strict was given and a warning or error diagnostic was raised (stderr names
     each one, a line each)
  2  usage error (an unknown command or option), or an input could not be read or is over a limit
     (--max-bytes, --max-nodes), or the output could not be written (one line on stderr names the
     file and why)
  3  internal error: a result failed its check against the output schema (a bug; please report it)
  130  interrupted (Ctrl-C, SIGINT)
  141  the reader of the output went away (rectext … | head): nothing is printed
  143  terminated (SIGTERM)
  Each command's own exit statuses: rectext COMMAND --help, and docs/cli.md.
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
                    help="the notice: a .txt, .html, .docx or .pdf file, or - for standard input; several "
                         "with --jsonl")
    ap.add_argument("--compact", action="store_true", help="print the JSON on one line")
    ap.add_argument("--jsonl", action="store_true", help="one compact JSON object per line, one line per input")
    ap.add_argument("--format", choices=FORMATS, default="json",
                    help="json (default), jsonl (= --jsonl), outline (the indented tree with spans), markdown, "
                         "html (the review page)")
    _limits(ap)
    ap.add_argument("--explain", action="store_true",
                    help="the outline, with the rule that decided each node's kind (implies --format outline); "
                         "the warnings follow it")
    ap.add_argument("--strict", action="store_true",
                    help="exit with 1 when a warning or error diagnostic is raised; stderr names each one")
    ap.add_argument("--encoding", help="decode the input with this encoding instead of detecting it")
    ap.add_argument("--analyze", action="store_true",
                    help="add the analysis layer: categories, tags, keywords, measure specificity (loads jieba)")
    _lang(ap, "the diagnostics' messages (English in the JSON and the outline unless given) and of the "
              "labels of --format markdown and html")
    ap.add_argument("--version", action="version", version=f"rectext {__version__}")
    return ap


def _rendered(notice: Notice, fmt: str, explain: bool = False, lang: str | None = None) -> str:
    if fmt == "html":
        from ..outputs.review import render_html

        return render_html(notice, lang)
    from ..outputs.labels import language
    from ..outputs.outline import render_markdown, render_outline

    if fmt == "markdown":
        return render_markdown(notice, lang)
    rules: dict[int, str] | None = None
    if explain:
        from ..parser import parse_record

        rules = {}
        parse_record(notice.text, rules)
    return render_outline(notice, spans=True, rules=rules, diagnostics=language(lang or "en"))


def run() -> None:
    """The program's entry point (``rectext``, ``python -m rectext``): :func:`main`, then exit.

    Every command leaves through here, so one place handles what can end any of them: the reader
    of standard output going away (``| head``: exit 141, nothing on stderr), SIGTERM (143) and
    Ctrl-C (130, also caught in :func:`main`). After parsing notices, the output is flushed and the
    process leaves with ``os._exit``: the interpreter's teardown of the compiled patterns and
    modules would take about a tenth of the command's time (measured over 40 paired runs on the
    seed: 14 ms of 139 ms), and nothing is left to clean up on that path. The subcommands exit
    normally.
    """
    import os
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    argv = sys.argv[1:]
    try:
        code = main(argv)
    except SystemExit as exc:  # SIGTERM, or a handler that exits
        code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
    code = _flushed(code)
    if argv and argv[0] in _COMMANDS:
        sys.exit(code)
    from .. import rx

    rx.save_missed()  # os._exit runs no atexit hooks
    os._exit(code)


def _flushed(code: int) -> int:
    """Flush what is still buffered; a reader gone now is 141, a full disk one line and 2."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return _reader_gone()
    except OSError as exc:
        _reader_gone()  # nothing more can go there; do not try again at exit
        return _error("<stdout>", exc.strerror or str(exc))
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    return code


def _terminated(signum: int, frame: object) -> None:
    print("rectext: terminated", file=sys.stderr)
    raise SystemExit(EXIT_TERMINATED)


_COMMANDS = ("batch", "eval", "render", "schema")  # the commands that leave normally (parse leaves at once)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv)
    except BrokenPipeError:  # the reader went away (| head): nothing more to say, in any command
        return _reader_gone()
    except OutputError as exc:
        return _error("<stdout>", str(exc))
    except KeyboardInterrupt:  # Ctrl-C while parsing one input: no traceback
        print("rectext: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _dispatch(argv: list[str]) -> int:
    """A command by its name; anything else is the short form of ``rectext parse``."""
    if not argv or argv[0] in ("-h", "--help"):
        _write(_top_help().rstrip("\n")) if argv else print(_top_help(), file=sys.stderr, end="")
        return EXIT_OK if argv else EXIT_USAGE
    if argv[0] == "--version":
        _write(f"rectext {__version__}")
        return EXIT_OK
    handlers = _handlers()
    name, rest = (argv[0], argv[1:]) if argv[0] in handlers else ("parse", argv)
    if rest is argv and _unknown(argv[0]):  # the short form: a file, or a word that is no command
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
    from .tools import _eval, _eval_parser, _render, _render_parser, _schema, _schema_parser

    return {"parse": (_parser, _run), "batch": (_batch_parser, _batch), "eval": (_eval_parser, _eval),
            "render": (_render_parser, _render), "schema": (_schema_parser, _schema)}


# What a word in a command's place was probably meant to be: a command, or a flag of parse.
_MEANT = {**{name: name for name in COMMANDS}, **{fmt: f"--format {fmt}" for fmt in FORMATS},
          **{flag: f"--{flag}" for flag in ("explain", "strict", "analyze", "compact", "version", "help")}}


def _unknown(word: str) -> bool:
    """A word that is no command and names no file (outline, bach): said in one line, with the nearest
    command or flag. A path (with a dot or a slash) is left to the reader, which says it is missing."""
    import os

    if word.startswith("-") or os.path.exists(word) or "." in word or "/" in word or os.sep in word:
        return False
    import difflib

    close = difflib.get_close_matches(word.lower(), _MEANT, n=1, cutoff=0.6)
    if not close:
        hint = ""
    elif _MEANT[close[0]].startswith("-"):
        hint = f"; did you mean 'rectext FILE {_MEANT[close[0]]}'?"
    else:
        hint = f"; did you mean {close[0]!r}?"
    print(f"rectext: unknown command {word!r} (and no file of that name){hint} "
          "(rectext --help lists the commands)", file=sys.stderr)
    return True


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
    name = "<stdin>" if path == "-" else path
    source = _source(path, name, args)
    if isinstance(source, int):
        return source
    where = None if path == "-" else path
    rendered = args.format in ("outline", "markdown", "html") and not args.jsonl
    indent = None if args.compact or args.jsonl else 2
    lang = args.lang and _language(args.lang)  # the JSON's messages: English unless --lang is given
    if args.analyze or rendered or len(source.text) >= PYDANTIC_FROM:
        # The validated model: the analysis and the renderings need it, and for a large notice
        # Pydantic's writer is faster than the standard library's while its import no longer shows.
        data, found = _through_model(source, where, args, rendered, indent)
    else:
        made = _through_record(source, where, name, indent, lang)
        if isinstance(made, int):
            return made
        data, found = made
    _write_bytes(data)
    return _strict(name, found, lang) if args.strict else EXIT_OK


Found = list[tuple[str, str, str]]  # level, code, message of each diagnostic


def _source(path: str, name: str, args: argparse.Namespace) -> Source | int:
    """The input read, or the exit status of an input that could not be (said on stderr; with --jsonl, a line)."""
    from ..read.errors import InputError
    from ..read.reader import read_source, read_stream, source_from_bytes

    try:
        if path == "-":
            return source_from_bytes(read_stream(sys.stdin.buffer, args.max_bytes), args.encoding,
                                     max_bytes=args.max_bytes, max_nodes=args.max_nodes)
        return read_source(path, args.encoding, args.max_bytes, args.max_nodes)
    except (InputError, OSError) as exc:
        reason = str(exc) if isinstance(exc, InputError) else (exc.strerror or str(exc))
        if args.jsonl:
            _write(json.dumps({"path": name, "error": "input", "message": reason}, ensure_ascii=False))
        return _error(name, reason)


def _language(lang: str) -> str:
    from ..outputs.labels import language

    return language(lang)


def _through_model(source: Source, where: str | None, args: argparse.Namespace, rendered: bool,
                   indent: int | None) -> tuple[bytes, Found]:
    from ..api import parse_source

    notice = parse_source(source, where, args.analyze)
    if rendered:
        data = _rendered(notice, args.format, args.explain, args.lang).rstrip("\n").encode("utf-8")
    else:
        if args.lang:
            from ..messages import localize

            lang = _language(args.lang)
            notice = notice.model_copy(update={"diagnostics": [
                d.model_copy(update={"message": localize(d.code, d.message, lang)}) for d in notice.diagnostics]})
        data = notice.__pydantic_serializer__.to_json(notice, indent=indent)
    return data, [(d.level, d.code, d.message) for d in notice.diagnostics]


def _through_record(source: Source, where: str | None, name: str, indent: int | None,
                    lang: str | None) -> tuple[bytes, Found] | int:
    """The parse record, checked against the schema and written without loading Pydantic: same bytes."""
    from ..api import record_source
    from ..outputs.jsonout import RecordError, dumps

    record = record_source(source, where)
    if lang:
        from ..messages import localize

        for d in record["diagnostics"]:
            d["message"] = localize(d["code"], d["message"], lang)
    try:
        data = dumps(record, indent).encode("utf-8")
    except RecordError as exc:
        print(f"rectext: {name}: internal error: the result failed its schema check ({exc}); "
              "please report it with the input", file=sys.stderr)
        return EXIT_INTERNAL
    return data, [(d["level"], d["code"], d["message"]) for d in record["diagnostics"]]


def _strict(name: str, found: Found, lang: str | None) -> int:
    """--strict: each warning and error on stderr, a line each, and exit 1; else 0."""
    failing = [(level, code, message) for level, code, message in found if level in ("warning", "error")]
    if not failing:
        return EXIT_OK
    from ..messages import localize

    for level, code, message in failing:
        said = " ".join(localize(code, message, lang).split())
        print(f"rectext: {name}: --strict: {level} {code}: {said}", file=sys.stderr)
    return EXIT_WARNINGS
