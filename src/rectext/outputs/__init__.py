"""Stage 3, outputs: one parsed notice written for a program or a reader.

Takes a notice, as a parse record (:func:`rectext.parser.parse_record`) or as the validated
:class:`~rectext.models.Notice`, and gives text: :mod:`.jsonout` the JSON, checked against
the shipped JSON Schema without loading Pydantic (same bytes as the model's own JSON);
:mod:`.outline` the indented outline (``--format outline``, ``--explain``) and Markdown;
:mod:`.review` the self-contained HTML review page (``rectext render``, ``--html``).
"""
