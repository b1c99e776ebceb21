"""Under every stage: the folded view of the text and what matches over it.

Takes a notice's text and gives what every later stage matches with: :mod:`.fold` (a
length-preserving Simplified, half-width view, so that an offset found in it is an offset
in the text), :mod:`.numerals` (一 … 九十九, 二〇二四), :mod:`.lines` (line geometry),
:mod:`.patterns` (the named patterns of structure and layout) and :mod:`.figures` (what a
reader counts in a tree: aspects, problems, a marker's number). Nothing here imports a stage.
"""
