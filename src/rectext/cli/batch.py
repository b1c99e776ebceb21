"""``rectext batch``: its options, its run, and its closing report."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, EXIT_USAGE, EXIT_WARNINGS, _error, _lang, _limits

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from ..corpus.batch import Summary

BATCH_EPILOG = """\
writes to OUT:
  notices.jsonl   one line per input, in input order: the full result, or
                  {"path", "error", "message", "notice_id"} for an input that could not be read
  notices.csv sections.csv problems.csv measures.csv quantities.csv diagnostics.csv
                  UTF-8 with BOM (Excel shows the Chinese); every table has notice_id and path;
                  with --analyze, problems and measures carry the analysis
  errors.csv      every input that failed, with the reason
  clusters.csv repeats.csv
                  with --analyze: findings that recur across notices (problems.cluster_id), and
                  findings a body reports again in a later notice (notices.n_repeats)
  completion.csv overdue.csv
                  with --analyze: each notice's completion figures (problems completed, in progress,
                  ongoing, not started, the rate, beside the declared figures) and the problems overdue
                  on the notice's date (a due date passed, the status not completed)
  cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
  return) get a leading ' in the CSV files; --raw-csv writes them as they are

IN: .txt, .html, .docx and .pdf files (a folder's .json, .csv, .py, .md … files are not read)

exit status:
  0    every input parsed
  1    some inputs failed: the last lines name the first ten, errors.csv lists them all
  2    usage error; an IN that names nothing (no such folder, a folder with no notice, a glob that
       matches no file); OUT already holds a batch and neither --resume nor --overwrite was given;
       OUT or the database is in use by another batch; --resume with other options than the run it
       continues; an output could not be written (a full disk, a folder that cannot be written):
       one line says which and why, and nothing was written in the first cases
  130  stopped by Ctrl-C (SIGINT), 143 by SIGTERM: what was done is kept; --resume goes on
  141  the reader of the progress went away (rectext batch … 2>&1 | head)
"""


def _batch_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rectext batch", description="Parse a corpus of notices in parallel.",
                                 epilog=BATCH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", metavar="IN", help="folders (walked recursively), files or globs")
    ap.add_argument("-o", "--out", required=True, help="output folder")
    ap.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    ap.add_argument("--resume", action="store_true", help="skip inputs already in OUT (same path, same content hash)")
    ap.add_argument("--overwrite", action="store_true",
                    help="replace the batch OUT holds: remove the files it wrote (in OUT, its --sqlite database, its "
                         "--html pages) and only those, then run afresh")
    ap.add_argument("--sqlite", metavar="DB", help="also write the tables to this SQLite database")
    ap.add_argument("--encoding", help="decode every input with this encoding instead of detecting it")
    _limits(ap)
    ap.add_argument("--analyze", action="store_true",
                    help="add the analysis layer (categories, keywords) and, across notices, recurring findings "
                         "and repeats")
    ap.add_argument("--html", metavar="DIR", help="write a review page per notice and an index to DIR")
    _lang(ap, "the review pages' labels and the diagnostics' messages on them")
    ap.add_argument("--raw-csv", action="store_true",
                    help="write CSV cells as they are, without the ' before cells that start like a formula")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    return ap


def _batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..corpus.batch import Options, run
    from ..corpus.journal import BatchError
    from ..corpus.owned import check

    options = Options(encoding=args.encoding, max_bytes=args.max_bytes, analyze=args.analyze,
                      max_nodes=args.max_nodes)
    if args.analyze:
        from ..corpus.recurrence import MissingExtra, require_analysis

        try:
            require_analysis()
        except MissingExtra as exc:
            print(f"rectext batch: --analyze: {exc}", file=sys.stderr)
            return EXIT_USAGE
    pages = None
    try:
        check(args.inputs, Path(args.out), args.resume, args.overwrite)  # before the pages' folder is made
        if args.html:
            from ..outputs.review import BatchPages

            pages = BatchPages(Path(args.html), args.lang)
        summary = run(args.inputs, Path(args.out), args.jobs, args.resume,
                      Path(args.sqlite) if args.sqlite else None, options,
                      progress=False if args.quiet else None,
                      on_outcome=pages.add if pages else None, raw_csv=args.raw_csv, overwrite=args.overwrite,
                      html=Path(args.html) if args.html else None)
        if pages:
            pages.finish(_repeats(Path(args.out)) if args.analyze else None)
    except BatchError as exc:
        print(f"rectext batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        return _error(exc.filename or args.out, exc.strerror or str(exc))
    return _batch_report(summary, args.out)


def _repeats(out: Path) -> list[dict[str, str]]:
    """OUT/repeats.csv's rows, for the review index (paths as the batch was given them)."""
    import csv

    with open(out / "repeats.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


_NAMED_FAILURES = 10  # failed inputs the batch's last lines name; errors.csv lists them all


def _batch_report(summary: Summary, out: str) -> int:
    """The batch's closing lines on stderr, and its exit status."""
    from pathlib import Path

    if summary.interrupted is not None:
        print(f"rectext batch: interrupted: {summary.done} of {summary.total} done; run again with --resume",
              file=sys.stderr)
        return 128 + summary.interrupted
    rate = (summary.parsed + summary.errors) / summary.seconds if summary.seconds else 0.0
    print(f"rectext batch: {summary.total} inputs: {summary.parsed} parsed, {summary.errors} errors, "
          f"{summary.skipped} skipped (already in {out}); {summary.seconds:.1f} s, {rate:,.0f}/s"
          + (f"; {summary.ignored} data or code files in the folders not read (.json, .csv, .py …)"
             if summary.ignored else ""), file=sys.stderr)
    if not summary.failed:
        return EXIT_OK
    _name_failures(summary.failed, Path(out) / "errors.csv")
    return EXIT_WARNINGS


def _name_failures(failed: list[dict[str, str]], listed: object) -> None:
    """The first failed inputs with their reasons, and where all of them are."""
    print(f"rectext batch: {len(failed)} inputs failed (all in {listed}):", file=sys.stderr)
    for row in failed[:_NAMED_FAILURES]:
        print(f"  {row['path']}: {row['error']}: {row['message']}", file=sys.stderr)
    if len(failed) > _NAMED_FAILURES:
        print(f"  … and {len(failed) - _NAMED_FAILURES} more", file=sys.stderr)
