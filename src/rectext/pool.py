"""Worker processes for a batch: one input at a time each, results in input order.

``concurrent.futures`` gives up on the whole pool when one worker dies
(``BrokenProcessPool``). Here a worker that dies (SIGKILL, the out-of-memory
killer, a crash in native code) costs only the input it held: that input gets a
``worker-died`` result from ``on_death`` and a new worker takes the dead one's place.
Workers ignore SIGINT, so Ctrl-C reaches only the batch, which stops them itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import wait
from typing import Any

_POLL = 0.2  # seconds between looks at ``stopping`` while every worker is busy
_AHEAD = 8  # inputs handed out per worker beyond the next one due, so one slow input does not idle the rest


def _serve(conn, setup: Callable[[Any], None], work: Callable[..., Any], config: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    setup(config)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, args = task
        result = work(*args)
        try:
            conn.send((index, result))
        except OSError:  # the batch is gone (killed): so is the reason to go on
            return


class _Worker:
    def __init__(self, ctx, setup, work, config) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, setup, work, config), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, tuple] | None = None

    def give(self, index: int, args: tuple) -> bool:
        self.task = (index, args)
        try:
            self.conn.send((index, args))
        except (BrokenPipeError, OSError):
            return False
        return True

    def stop(self, wait_s: float = 1.0) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(wait_s)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def death(process) -> str:
    """How a worker process ended, for the error record."""
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def run_ordered(tasks: Sequence[tuple], jobs: int, work: Callable[..., Any], on_death: Callable[[tuple, str], Any],
                setup: Callable[[Any], None], config: Any,
                stopping: Callable[[], bool] = lambda: False) -> Iterator[Any]:
    """``work(*task)`` for every task in ``jobs`` processes, yielded in task order.

    ``on_death(task, how)`` stands in for the result of a task whose worker died.
    Stops early, without error, once ``stopping()`` is true; the workers are
    stopped whatever happens.
    """
    ctx = _context()
    workers = [_Worker(ctx, setup, work, config) for _ in range(min(jobs, len(tasks)))]
    done: dict[int, Any] = {}
    given = due = 0
    try:
        while due < len(tasks) and not stopping():
            for i, w in enumerate(workers):
                if w.task is None and given < min(len(tasks), due + _AHEAD * len(workers)):
                    if w.give(given, tasks[given]):
                        given += 1
                    else:  # it died idle: the task was never tried, so a new worker gets it next time
                        w.task = None
                        w.stop(0)
                        workers[i] = _Worker(ctx, setup, work, config)
            busy = [w for w in workers if w.task is not None]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], _POLL))
            for i, w in enumerate(workers):
                if w.task is None:
                    continue
                if w.conn in ready or w.process.sentinel in ready:
                    try:
                        if w.conn.poll():
                            index, result = w.conn.recv()
                            done[index], w.task = result, None
                            continue
                    except (EOFError, OSError):
                        pass
                    if not w.process.is_alive():
                        workers[i] = _replace(w, done, on_death, ctx, setup, work, config)
            while due in done:
                yield done.pop(due)
                due += 1
    finally:
        for w in workers:
            with contextlib.suppress(BrokenPipeError, OSError):
                w.conn.send(None)
        for w in workers:
            w.stop()


def _context():
    """A fork server where there is one: workers forked from a clean process that holds none of the
    batch's open files or locks (a plain fork would inherit the output folder's lock, and the other
    workers' pipes, and outlive a killed batch holding them); spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["rectext.batch", "rectext.api", "rectext.models"])
        return ctx
    return multiprocessing.get_context("spawn")


def _replace(worker: _Worker, done: dict[int, Any], on_death, ctx, setup, work, config) -> _Worker:
    """The dead worker's task gets its stand-in result; a new worker takes its place."""
    worker.process.join(1.0)
    index, args = worker.task
    done[index] = on_death(args, death(worker.process))
    worker.stop(0)
    return _Worker(ctx, setup, work, config)
