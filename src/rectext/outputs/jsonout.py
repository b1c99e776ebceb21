"""JSON for a parse record without loading Pydantic: checked against the schema, same bytes.

:func:`dumps` walks a record (:func:`rectext.parser.parse_record`) along the
shipped JSON Schema of :class:`~rectext.models.Notice`
(``rectext/data/notice.schema.json``): every object must have exactly the
schema's properties (absent optional ones take the schema's default), every
value the schema's type, constant or choice, every node the model its ``kind``
names. What does not fit raises :class:`RecordError` naming the place. The
result is written with the standard library in the schema's property order and
with Pydantic's number format, so it is byte for byte what
``Notice.model_validate(record).model_dump_json()`` gives; the tests hold the two
to that on every fixture and on generated text.

It exists for start-up time: importing Pydantic and building the models costs
several times a whole parse, which a command run once per file pays every time.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

# os.path: no pathlib import; the data folder is the package's, one level up
SCHEMA_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "notice.schema.json")

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Writer = Callable[[Any, "_Context", str], Any]
_MISSING = object()


class RecordError(ValueError):
    """A record that does not fit the schema; the message names the place, e.g. ``sections[0].start``."""


class _Context:
    """Floats whose Python form differs from Pydantic's, to be put in after ``json.dumps``."""

    __slots__ = ("nonce", "numbers")

    def __init__(self) -> None:
        self.nonce = ""
        self.numbers: list[str] = []

    def number(self, text: str) -> str:
        if not self.nonce:
            self.nonce = os.urandom(8).hex()
        self.numbers.append(text)
        return f"\x00{self.nonce}:{len(self.numbers) - 1}\x00"


def dumps(record: dict[str, Any], indent: int | None = 2) -> str:
    """The record as JSON text, as Pydantic would write the validated Notice (``indent=None``: one line)."""
    context = _Context()
    ordered = _root()(record, context, "")
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(ordered, ensure_ascii=False, indent=indent, separators=separators)
    if context.numbers:  # the placeholders are JSON strings: put the numbers in their place
        for i, number in enumerate(context.numbers):
            text = text.replace(json.dumps(f"\x00{context.nonce}:{i}\x00"), number, 1)
    return text


def load_schema() -> dict[str, Any]:
    """The shipped JSON Schema of the output."""
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


@lru_cache(maxsize=1)
def _root() -> Writer:
    """The writer for a whole Notice, compiled from the shipped schema once per process."""
    schema = load_schema()
    return _Compiler(schema.get("$defs", {})).compile(schema)


def pydantic_float(value: float) -> str | None:
    """The text Pydantic writes for a float; ``None`` for NaN and infinities (written as null).

    Python's ``repr`` gives the same shortest digits, but below 1e-4 it switches to an
    exponent sooner (1e-05 against 0.00001) and pads it (1e-07 against 1e-7).
    """
    text = repr(value)
    if "n" in text:  # inf, nan
        return None
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    sign = "-" if mantissa.startswith("-") else ""
    digits = mantissa.lstrip("-").replace(".", "").rstrip("0") or "0"
    point = int(exponent) + 1  # value = 0.DIGITS × 10**point
    if -5 < point <= 0:  # repr goes to an exponent from 1e-05, serde_json from 1e-06
        return f"{sign}0.{'0' * -point}{digits}"
    tail = f".{digits[1:]}" if len(digits) > 1 else ""
    return f"{sign}{digits[0]}{tail}e{point - 1:+d}" if point > 1 else f"{sign}{digits[0]}{tail}e{point - 1}"


def _fail(where: str, why: str) -> RecordError:
    return RecordError(f"{where or 'the record'}: {why}")


def _got(value: Any) -> str:
    return type(value).__name__


class _Compiler:
    """Turns schema fragments into writers: ``writer(value, context, where) -> JSON-ready value``."""

    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs
        self.done: dict[str, Writer] = {}

    def compile(self, schema: dict[str, Any]) -> Writer:
        if "$ref" in schema:
            return self._ref(schema["$ref"].rsplit("/", 1)[-1])
        if "oneOf" in schema and "discriminator" in schema:
            return self._tagged(schema)
        if "anyOf" in schema:
            return self._any_of([self.compile(s) for s in schema["anyOf"]])
        kind = schema.get("type")
        if kind == "object":
            if "properties" in schema:
                return self._object(schema)
            return self._map(self.compile(schema.get("additionalProperties", {})))
        if kind == "array":
            return self._array(self.compile(schema.get("items", {})))
        if kind in _SCALARS:
            return self._scalar(kind, schema)
        if not schema or set(schema) <= {"description", "title", "default"}:
            return lambda value, context, where: value
        raise ValueError(f"rectext.outputs.jsonout cannot check this schema fragment: {sorted(schema)}")

    def _ref(self, name: str) -> Writer:
        if name not in self.done:
            slot: list[Writer] = []
            self.done[name] = lambda value, context, where: slot[0](value, context, where)
            slot.append(self.compile(self.defs[name]))
            self.done[name] = slot[0]
        return self.done[name]

    def _tagged(self, schema: dict[str, Any]) -> Writer:
        key = schema["discriminator"]["propertyName"]
        choices = {tag: self._ref(ref.rsplit("/", 1)[-1]) for tag, ref in schema["discriminator"]["mapping"].items()}

        def write(value: Any, context: _Context, where: str) -> Any:
            if not isinstance(value, dict):
                raise _fail(where, f"expected an object, got {_got(value)}")
            writer = choices.get(value.get(key))
            if writer is None:
                raise _fail(where, f"{key} must be one of {', '.join(choices)}, got {value.get(key)!r}")
            return writer(value, context, where)

        return write

    def _any_of(self, writers: list[Writer]) -> Writer:
        def write(value: Any, context: _Context, where: str) -> Any:
            errors = []
            for writer in writers:
                try:
                    return writer(value, context, where)
                except RecordError as exc:
                    errors.append(str(exc).removeprefix(f"{where}: "))
            raise _fail(where, " or ".join(errors))

        return write

    def _object(self, schema: dict[str, Any]) -> Writer:
        required = set(schema.get("required", ()))
        fields = [(name, self.compile(sub), name in required, sub.get("default", _MISSING))
                  for name, sub in schema["properties"].items()]
        names = set(schema["properties"])
        closed = schema.get("additionalProperties") is False
        title = schema.get("title", "object")

        def write(value: Any, context: _Context, where: str) -> Any:
            if not isinstance(value, dict):
                raise _fail(where, f"expected {title}, got {_got(value)}")
            out = {}
            given = 0
            for name, writer, needed, default in fields:
                item = value.get(name, _MISSING)
                if item is _MISSING:
                    if needed or default is _MISSING:
                        raise _fail(f"{where}.{name}" if where else name, "missing")
                    item = default
                else:
                    given += 1
                out[name] = writer(item, context, f"{where}.{name}" if where else name)
            if closed and given < len(value):
                extra = sorted(str(k) for k in value if k not in names)
                raise _fail(where, f"{title} has no field {', '.join(extra)}")
            return out

        return write

    @staticmethod
    def _map(values: Writer) -> Writer:
        def write(value: Any, context: _Context, where: str) -> Any:
            if not isinstance(value, dict):
                raise _fail(where, f"expected an object, got {_got(value)}")
            out = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    raise _fail(where, f"keys must be strings, got {_got(key)}")
                out[key] = values(item, context, f"{where}[{key!r}]")
            return out

        return write

    @staticmethod
    def _array(items: Writer) -> Writer:
        def write(value: Any, context: _Context, where: str) -> Any:
            if not isinstance(value, (list, tuple)):
                raise _fail(where, f"expected an array, got {_got(value)}")
            return [items(item, context, f"{where}[{i}]") for i, item in enumerate(value)]

        return write

    @staticmethod
    def _scalar(kind: str, schema: dict[str, Any]) -> Writer:
        accepts = _SCALARS[kind]
        allowed = [schema["const"]] if "const" in schema else schema.get("enum")

        def write(value: Any, context: _Context, where: str) -> Any:
            if not accepts(value):
                raise _fail(where, f"expected {kind}, got {_got(value)}")
            if allowed is not None and value not in allowed:
                raise _fail(where, f"must be one of {', '.join(map(repr, allowed))}, got {value!r}")
            if kind == "number":
                value = float(value)
                text = pydantic_float(value)
                if text != repr(value):
                    return None if text is None else context.number(text)
            return value

        return write


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_SCALARS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": _is_int,
    "number": lambda v: isinstance(v, float) or _is_int(v),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
