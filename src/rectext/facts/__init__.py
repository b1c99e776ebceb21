"""Stage 2, facts: what the notice states about itself, read from the places it states it.

Takes the text, its folded view, its lines, the header and closing (:mod:`rectext.structure`)
and the tree, and gives plain records (:mod:`rectext.records`): :mod:`.facts` composes them
(title, issuer, date of issue, source) with :mod:`.inspection` (who inspected whom, when),
:mod:`.dates`, :mod:`.declared` (the counts the notice declares), :mod:`.quantities` and
:mod:`.contacts`; :mod:`.genre` says whether it is a rectification notice at all; :mod:`.progress`
reads what became of each problem (status, deadline, who answers for it) onto the tree;
:mod:`.checks` turns what does not add up into diagnostics. :mod:`.analysis` is the optional
analysis layer of ``--analyze`` (categories, tags, keywords, measure specificity).

The names of the former module ``rectext.facts`` (now :mod:`rectext.facts.facts`) still resolve
here, with a DeprecationWarning, until the next release.
"""

from .._moved import forward

__getattr__ = forward(__name__, ("rectext.facts.facts",), warn=True)
