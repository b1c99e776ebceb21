"""Every rule table runs its own examples: the patterns (rectext.text.patterns.EXAMPLES and the tables
of facts), the declared counts and the genre cues."""

from __future__ import annotations

import importlib

import pytest
import regex

from rectext.facts import declared, genre
from rectext.text.fold import fold

# modules whose compiled patterns at module level carry EXAMPLES
TABLES = ["rectext.text.patterns", "rectext.facts.contacts", "rectext.facts.inspection",
          "rectext.facts.points", "rectext.facts.quantities",
          "rectext.facts.analysis", "rectext.facts.progress", "rectext.facts.dates"]


def _examples():
    for name in TABLES:
        module = importlib.import_module(name)
        for pattern, (how, hits, misses) in module.EXAMPLES.items():
            yield pytest.param(module, pattern, how, hits, misses, id=f"{name.rsplit('.', 1)[1]}.{pattern}")


@pytest.mark.parametrize("module, name, how, hits, misses", list(_examples()))
def test_pattern_examples(module, name, how, hits, misses):
    pattern = getattr(module, name)
    apply = getattr(pattern, how)
    assert hits, "every pattern has an example it matches"
    for text in hits:
        assert apply(fold(text)), f"{name} should {how} {text!r}"
    for text in misses:
        assert not apply(fold(text)), f"{name} should not {how} {text!r}"


@pytest.mark.parametrize("name", TABLES)
def test_every_public_pattern_has_examples(name):
    module = importlib.import_module(name)
    patterns = {key for key, value in vars(module).items() if isinstance(value, regex.Pattern)}
    public = {key for key in patterns if not key.startswith("_")}
    assert public - set(module.EXAMPLES) == set(), "a public pattern without examples"
    assert set(module.EXAMPLES) - patterns == set(), "examples of a pattern that is not there"


@pytest.mark.parametrize("field, pattern, hits, misses", declared.RULES,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(declared.RULES)])
def test_declared_count_rules(field, pattern, hits, misses):
    assert hits
    for text, value in hits:
        found = dict((name, got) for name, got, _, _ in declared._matches(fold(text), 0, len(text)))
        m = pattern.search(fold(text))
        assert m, f"{field}: {text!r}"
        assert found.get(field) == value, f"{field}: {text!r} gives {found}"
    for text in misses:
        assert not pattern.search(fold(text)), f"{field} should not match {text!r}"


@pytest.mark.parametrize("label, pattern, weight, where, example, words", genre.CUES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(genre.CUES)])
def test_genre_cues(label, pattern, weight, where, example, words):
    found = pattern.search(fold(example))
    assert found, f"{label} cue should find {example!r}"
    assert words is None or any(w in found.group() for w in words), f"{label}: {found.group()!r} holds none of {words}"
