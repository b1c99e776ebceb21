"""Work for the pool tests, importable by worker processes (which start from a fork server)."""

from __future__ import annotations

import os
import signal


def setup(config) -> None:
    return None


def square_or_die(n: int) -> int:
    """n², except that 13 kills its own worker as the out-of-memory killer would."""
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def died(task: tuple, how: str) -> str:
    return f"{task[0]} died: {how}"
