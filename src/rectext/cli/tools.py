"""``rectext eval``, ``rectext render`` and ``rectext schema``: the commands beside ``parse`` and ``batch``."""

from __future__ import annotations

import argparse
import json
import sys

from .common import EXIT_OK, _error, _lang, _limits, _write


def _schema_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rectext schema", description="Print the JSON Schema of rectext's output.")
    ap.add_argument("--compact", action="store_true", help="on one line")
    return ap


def _schema(args: argparse.Namespace) -> int:
    from ..outputs.jsonout import load_schema

    _write(json.dumps(load_schema(), ensure_ascii=False, indent=None if args.compact else 2))
    return EXIT_OK


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
    ap.add_argument("path", metavar="FILE", help="the notice: a .txt, .html, .docx or .pdf file, or - for "
                                                 "standard input")
    ap.add_argument("-o", "--out", required=True, help="the page to write, e.g. review.html")
    ap.add_argument("--analyze", action="store_true", help="show categories and keywords of each problem")
    ap.add_argument("--encoding", help="decode the input with this encoding instead of detecting it")
    _limits(ap)
    _lang(ap, "the page's labels and the diagnostics' messages")
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
