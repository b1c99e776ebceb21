"""Old import paths of the modules that moved into subpackages, importable for one more release.

No file stands at an old path (so that git follows each move as a rename): :mod:`rectext` puts
:data:`FINDER` on :data:`sys.meta_path`, and importing an old path (``import rectext.reader``,
``from rectext.tables import COLUMNS``) gives a small module that warns with a
:class:`DeprecationWarning` naming the new path and looks its names up in the new module(s).
The old paths go in the next release.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Sequence
    from importlib.abc import Loader
    from importlib.machinery import ModuleSpec
    from types import ModuleType
else:  # the import system takes any object with create_module and exec_module; importlib.abc is slow to import
    Loader = object

_MISSING = object()

# old path → the module(s) its names are in now
MOVED: dict[str, tuple[str, ...]] = {
    "rectext.reader": ("rectext.read.reader",),
    "rectext.unwrap": ("rectext.read.unwrap",),
    "rectext.wordnumbers": ("rectext.read.wordnumbers",),
    "rectext.fold": ("rectext.text.fold",),
    "rectext.numerals": ("rectext.text.numerals",),
    "rectext.lines": ("rectext.text.lines",),
    "rectext.patterns": ("rectext.text.patterns",),
    "rectext.figures": ("rectext.text.figures",),
    "rectext.layout": ("rectext.structure.layout",),
    "rectext.markers": ("rectext.structure.markers",),
    "rectext.tree": ("rectext.structure.tree", "rectext.structure.kinds"),
    "rectext.dates": ("rectext.facts.dates",),
    "rectext.inspection": ("rectext.facts.inspection",),
    "rectext.declared": ("rectext.facts.declared",),
    "rectext.quantities": ("rectext.facts.quantities",),
    "rectext.contacts": ("rectext.facts.contacts",),
    "rectext.genre": ("rectext.facts.genre",),
    "rectext.checks": ("rectext.facts.checks",),
    "rectext.analysis": ("rectext.facts.analysis",),
    "rectext.jsonout": ("rectext.outputs.jsonout",),
    "rectext.outline": ("rectext.outputs.outline",),
    "rectext.review": ("rectext.outputs.review",),
    "rectext.batch": ("rectext.corpus.batch",),
    "rectext.pool": ("rectext.corpus.pool",),
    "rectext.journal": ("rectext.corpus.journal",),
    "rectext.sinks": ("rectext.corpus.sinks",),
    "rectext.tables": ("rectext.corpus.tables", "rectext.corpus.ids"),
    "rectext.corpustables": ("rectext.corpus.corpustables",),
}


def forward(old: str, new: Sequence[str], warn: bool = False) -> Callable[[str], object]:
    """The module ``__getattr__`` of an old path: each name from the first new module that has it.

    ``warn``: for a package that took an old module's name (``rectext.corpus``, ``rectext.facts``),
    whose old names warn when they are used. A name that is a module is left to the import system,
    so that the package's own submodules import as usual.
    """

    def __getattr__(name: str) -> object:
        import importlib

        modules = [importlib.import_module(target) for target in new]
        if name == "__all__":  # from rectext.<old> import *
            return sorted({n for m in modules for n in getattr(m, "__all__", vars(m)) if not n.startswith("_")})
        for module in modules:
            value = getattr(module, name, _MISSING)
            if value is not _MISSING and not (warn and isinstance(value, type(sys))):
                if warn:
                    _warn(f"{old}.{name}", f"{module.__name__}.{name}", stacklevel=2)
                return value
        raise AttributeError(f"module {old!r} has no attribute {name!r}")

    return __getattr__


def _warn(old: str, new: str, stacklevel: int) -> None:
    import warnings

    warnings.warn(f"{old} has moved to {new}; the old path will be removed in the next release",
                  DeprecationWarning, stacklevel=stacklevel + 1)


class _Loader(Loader):
    """Makes the module of an old path (the import system's default module, filled in here)."""

    def create_module(self, spec: ModuleSpec) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        old, new = module.__name__, MOVED[module.__name__]
        module.__doc__ = f"Deprecated: moved to {' and '.join(new)}."
        module.__getattr__ = forward(old, new)  # type: ignore[method-assign]
        _warn(old, " and ".join(new), stacklevel=2)  # the importer: warnings skips the import system's frames


class _Finder:
    """Finds the old paths, and nothing else, for the import system."""

    @staticmethod
    def find_spec(name: str, path: Sequence[str] | None = None, target: ModuleType | None = None) -> ModuleSpec | None:
        if name not in MOVED:
            return None
        from importlib.machinery import ModuleSpec

        return ModuleSpec(name, _Loader())


FINDER = _Finder()
