"""Stage 0, reading: an input file as it really comes, turned into the notice's text.

Takes bytes (a text file in any common Chinese encoding, a saved web page, a Word .docx with its
automatic numbering, a PDF with a text layer) and gives a :class:`~rectext.read.reader.Source`:
the decoded text, lines that a page or a PDF wrapped joined again, page furniture and pinyin
readings taken out, and what was removed, counted. :mod:`.reader` dispatches by content;
:mod:`.htmltext`, :mod:`.wordtext` (with :mod:`.wordnumbers`) and :mod:`.pdftext` read one format
each; :mod:`.unwrap` joins wrapped lines. Every refusal is an :class:`~rectext.read.errors.InputError`.
"""
