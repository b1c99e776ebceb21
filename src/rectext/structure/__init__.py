"""Stage 1, structure: the notice's text, laid out as a tree of numbered nodes with their kinds.

Takes the text (from :mod:`rectext.read`) and its folded view (:mod:`rectext.text`) and gives
the parts around the body and the nodes: :mod:`.layout` finds the header (title, page-header
lines) and the closing; :mod:`.markers` finds the numbered markers (一、 （一） 1. ① 一是 …);
:mod:`.tree` nests them by the order their numbering styles appear and spans each node's heading
and body; :mod:`.kinds` decides each node's kind (section, group, problem, measure, item) by
its ordered kind rules.
"""
