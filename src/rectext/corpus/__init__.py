"""Stage 4, the corpus: many notices at once, in parallel, as tables, and across each other.

Takes input files and folders (or parsed notices) and gives, per input, one line of
``notices.jsonl`` and the rows of the flat tables, then findings compared across notices.
:mod:`.batch` runs a corpus (with :mod:`.pool`, the worker pool, and :mod:`.journal`, the
durable record that ``--resume`` continues); :mod:`.tables` decides the columns of every table
(also :func:`rectext.to_frames`), :mod:`.sinks` writes them to CSV and SQLite; :mod:`.ids` gives
the ``notice_id`` that joins them; :mod:`.recurrence` finds the findings that recur across
notices and the ones a body reports again, and :mod:`.corpustables` writes those tables.

The names of the former module ``rectext.corpus`` (now :mod:`rectext.corpus.recurrence`, e.g.
``rectext.corpus.analyse_notices``) still resolve here, with a DeprecationWarning, until the
next release.
"""

from .._moved import forward

__getattr__ = forward(__name__, ("rectext.corpus.recurrence",), warn=True)
