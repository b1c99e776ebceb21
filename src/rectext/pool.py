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
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import wait
from typing import Any

_POLL = 0.2  # seconds between looks at ``stopping`` while every worker is busy
_AHEAD = 8  # inputs handed out per worker beyond the next one due, so one slow input does not idle the rest
_DEPTH = 2  # inputs queued in a worker's pipe: the next is there when one is done (one more costs memory)


def _serve(conn, setup: Callable[[Any], None], work: Callable[..., Any], config: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    setup(config)
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:  # the batch (or the fork server) was killed: stop too
                    return
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
    """One process and the tasks handed to it, oldest (the one in hand) first."""

    def __init__(self, ctx, setup, work, config) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, setup, work, config), daemon=True)
        self.process.start()
        child.close()
        self.tasks: deque[int] = deque()

    def give(self, index: int, args: tuple) -> bool:
        try:
            self.conn.send((index, args))
        except OSError:
            return False
        self.tasks.append(index)
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

    ``on_death(task, how)`` stands in for the result of the task a worker died on;
    tasks queued behind it go to other workers. Stops early, without error, once
    ``stopping()`` is true; the workers are stopped whatever happens.
    """
    pool = _Pool(tasks, min(jobs, len(tasks)), work, on_death, setup, config)
    try:
        while pool.due < len(tasks) and not stopping():
            pool.hand_out()
            pool.collect()
            yield from pool.ready()
    finally:
        pool.close()


class _Pool:
    def __init__(self, tasks, jobs, work, on_death, setup, config) -> None:
        self.tasks, self.on_death = tasks, on_death
        ctx = _context()
        self.start = lambda: _Worker(ctx, setup, work, config)
        self.workers = [self.start() for _ in range(jobs)]
        self.done: dict[int, Any] = {}
        self.waiting: deque[int] = deque(range(len(tasks)))  # not yet handed out, or handed back
        self.due = 0

    def hand_out(self) -> None:
        """Every worker gets up to _DEPTH tasks, none further than _AHEAD per worker past the one due."""
        horizon = self.due + _AHEAD * len(self.workers)
        for i, w in enumerate(self.workers):
            while len(w.tasks) < _DEPTH and self.waiting and self.waiting[0] < horizon:
                index = self.waiting.popleft()
                if not w.give(index, self.tasks[index]):  # it died idle: a new worker takes the task
                    self.waiting.appendleft(index)
                    self.workers[i] = self._replace(w)
                    break

    def collect(self) -> None:
        busy = [w for w in self.workers if w.tasks]
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], _POLL))
        for i, w in enumerate(self.workers):
            if w.tasks and (w.conn in ready or w.process.sentinel in ready):
                try:
                    while w.tasks and w.conn.poll():
                        index, result = w.conn.recv()
                        w.tasks.remove(index)
                        self.done[index] = result
                except (EOFError, OSError):
                    pass
                if w.tasks and not w.process.is_alive():
                    self.workers[i] = self._replace(w)

    def _replace(self, worker: _Worker) -> _Worker:
        """The task the dead worker held gets its stand-in result; those behind it wait for another."""
        worker.process.join(1.0)
        if worker.tasks:
            index = worker.tasks.popleft()
            self.done[index] = self.on_death(self.tasks[index], death(worker.process))
            self.waiting.extendleft(reversed(worker.tasks))
        worker.stop(0)
        return self.start()

    def ready(self) -> Iterator[Any]:
        while self.due in self.done:
            yield self.done.pop(self.due)
            self.due += 1

    def close(self) -> None:
        for w in self.workers:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in self.workers:
            w.stop()


def _context():
    """A fork server where there is one: workers forked from a clean process that holds none of the
    batch's open files or locks (a plain fork inherits the output folder's lock and the other
    workers' pipes); spawn elsewhere. Both re-import the main module in each worker, which a
    script read from standard input (``python - <<EOF``) does not allow: there, plain fork."""
    methods = multiprocessing.get_all_start_methods()
    main = getattr(sys.modules.get("__main__"), "__file__", None)
    if main is not None and not os.path.exists(main) and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["rectext.batch", "rectext.api", "rectext.models"])
        return ctx
    return multiprocessing.get_context("spawn")
