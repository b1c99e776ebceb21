"""rectext: Chinese inspection-rectification notices (巡察/巡视整改情况的通报) as validated data.

>>> import rectext
>>> notice = rectext.parse("一、整改情况\\n1.学习不够深入的问题。\\n整改措施：一是加强学习。二是建立制度。\\n")
>>> [p.heading for p in notice.problems], [m.heading for m in notice.problems[0].measures]
(['学习不够深入的问题'], ['加强学习', '建立制度'])

Names are loaded on first use, so ``import rectext`` stays light.
"""

from __future__ import annotations

import sys as _sys

from . import _moved

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start

__version__ = "0.1.0"

if _moved.FINDER not in _sys.meta_path:  # the old import paths of moved modules, for one release
    _sys.meta_path.append(_moved.FINDER)

__all__ = [
    "Diagnostic", "Group", "InputError", "Item", "Measure", "Notice", "Problem", "Section",
    "__version__", "parse", "parse_file", "to_frames",
]

_LAZY = {
    "parse": "rectext.parser",
    "parse_file": "rectext.api",
    "InputError": "rectext.read.errors",
    "to_frames": "rectext.corpus.tables",
    **{name: "rectext.models" for name in ("Diagnostic", "Group", "Item", "Measure", "Notice", "Problem",
                                            "Section")},
}

if TYPE_CHECKING:  # pragma: no cover
    from .api import parse_file
    from .corpus.tables import to_frames
    from .models import Diagnostic, Group, Item, Measure, Notice, Problem, Section
    from .parser import parse
    from .read.errors import InputError


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rectext' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
