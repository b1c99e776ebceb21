"""The command-line program (``rectext``, ``python -m rectext``): a thin layer over :func:`rectext.parse`.

On top of every stage. :mod:`.program` reads the command line, dispatches the commands and runs
``rectext [parse] FILE...``, ``schema``, ``eval`` and ``render``; :mod:`.batch` is ``rectext batch``;
:mod:`.common` is what they share (exit statuses, the limit options, writing).
"""

from .program import COMMANDS, main, run

__all__ = ["COMMANDS", "main", "run"]
