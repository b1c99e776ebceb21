"""The old import paths of the modules that moved into subpackages: they import for one more
release, with a DeprecationWarning that names the new path, and give the same objects."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from rectext._moved import MOVED


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_path_imports_with_a_warning_and_gives_the_new_objects(old):
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=f"{old} has moved to {MOVED[old][0]}"):
        module = importlib.import_module(old)
    for new in map(importlib.import_module, MOVED[old]):
        name = next(n for n in vars(new) if not n.startswith("_") and not isinstance(getattr(new, n), type(sys)))
        assert getattr(module, name) is getattr(new, name)


def test_from_an_old_path_import_names(recwarn):
    from rectext.tables import COLUMNS, content_id  # noqa: F401 — content_id is in corpus.ids now
    from rectext.tree import KIND_RULES, Raw  # noqa: F401 — split into structure.tree and structure.kinds

    import rectext.corpus.ids
    import rectext.structure.kinds

    assert content_id is rectext.corpus.ids.content_id and KIND_RULES is rectext.structure.kinds.KIND_RULES


def test_the_packages_that_took_a_module_name_still_give_its_names():
    import rectext.corpus
    import rectext.corpus.recurrence
    import rectext.facts
    import rectext.facts.facts

    with pytest.warns(DeprecationWarning, match="rectext.corpus.analyse_notices has moved"):
        assert rectext.corpus.analyse_notices is rectext.corpus.recurrence.analyse_notices
    with pytest.warns(DeprecationWarning, match="rectext.facts.extract has moved"):
        assert rectext.facts.extract is rectext.facts.facts.extract
    from rectext.corpus import tables  # a submodule imports as usual, without a warning

    assert tables.__name__ == "rectext.corpus.tables"
    with pytest.raises(AttributeError):
        rectext.corpus.no_such_name  # noqa: B018


def test_the_warning_points_at_the_line_that_imports_the_old_path():
    out = subprocess.run([sys.executable, "-W", "always", "-c", "import rectext.fold"],
                         capture_output=True, text=True, check=True)
    assert out.stderr.startswith("<string>:1: DeprecationWarning: rectext.fold has moved to rectext.text.fold")


def test_an_unknown_path_is_still_an_error():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("rectext.no_such_module")
