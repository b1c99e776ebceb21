"""The error every reader raises: an input that cannot be read as a notice.

Its own module so that the readers (:mod:`.htmltext`, :mod:`.pdftext`, :mod:`.wordtext`) and the
dispatching :mod:`.reader` all import it without importing each other.
"""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read as a notice; the message says why in one line."""
