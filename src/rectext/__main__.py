"""``python -m rectext``: the command-line program."""

from .cli import run

run()
