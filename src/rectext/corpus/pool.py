"""Worker processes for a batch: each parses one input at a time from a short queue; results in input order.

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
import select
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any

from .journal import release_inherited

if TYPE_CHECKING:  # pragma: no cover
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
    from multiprocessing.process import BaseProcess

    Context = ForkContext | ForkServerContext | SpawnContext  # what _context gives

_POLL = 0.2  # seconds between looks at ``stopping`` while every worker is busy
_AHEAD = 32  # inputs handed out per worker beyond the next one due, so one slow input does not idle the rest
# Tasks queued in a worker's pipe, so that it goes on while the batch writes results. Tasks must be
# small (paths): the batch's send then never waits on a worker that is busy sending a large result.
_DEPTH = 8


def _serve(conn: Connection, inherited: list[Connection], setup: Callable[[Any], None], work: Callable[..., Any],
           config: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A forked worker holds copies of what the batch had open. It lets go of the batch's ends of the
    # workers' pipes (so that a send to a batch that died fails instead of waiting for ever) and of
    # the locks (so that the output folder is free for --resume as soon as the batch is gone).
    for other in inherited:
        other.close()
    release_inherited()
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

    def __init__(self, ctx: Context, setup: Callable[[Any], None], work: Callable[..., Any], config: Any,
                 others: Sequence[_Worker] = ()) -> None:
        self.conn, child = ctx.Pipe()
        inherited = [self.conn, *(w.conn for w in others)] if ctx.get_start_method() == "fork" else []
        self.process = ctx.Process(target=_serve, args=(child, inherited, setup, work, config), daemon=True)
        self.process.start()
        child.close()
        self.tasks: deque[int] = deque()

    def give(self, index: int, args: tuple[Any, ...]) -> bool:
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


def death(process: BaseProcess) -> str:
    """How a worker process ended, for the error record."""
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def run_ordered(tasks: Sequence[tuple[Any, ...]], jobs: int, work: Callable[..., Any],
                on_death: Callable[[tuple[Any, ...], str], Any],
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
    def __init__(self, tasks: Sequence[tuple[Any, ...]], jobs: int, work: Callable[..., Any],
                 on_death: Callable[[tuple[Any, ...], str], Any], setup: Callable[[Any], None], config: Any) -> None:
        self.tasks, self.on_death = tasks, on_death
        ctx = _context()
        self.workers: list[_Worker] = []
        self.start: Callable[[], _Worker] = lambda: _Worker(ctx, setup, work, config, self.workers)
        for _ in range(jobs):
            self.workers.append(self.start())
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
        """Take what the workers have sent; wait (a little) only when none has sent anything."""
        if not self._drain(None):
            busy = [w for w in self.workers if w.tasks]
            self._drain(set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], _POLL)))

    def _drain(self, ready: set[object] | None) -> bool:
        """Results from the workers that have some (all workers when ``ready`` is None); a worker found
        dead is replaced. True when anything was taken."""
        took = False
        for i, w in enumerate(self.workers):
            if not w.tasks or (ready is not None and w.conn not in ready and w.process.sentinel not in ready):
                continue
            try:
                while w.tasks and _readable(w.conn):
                    index, result = w.conn.recv()
                    w.tasks.remove(index)
                    self.done[index], took = result, True
            except (EOFError, OSError):
                pass
            if w.tasks and ready is not None and not w.process.is_alive():
                self.workers[i] = self._replace(w)
        return took

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


def _readable(conn: Connection) -> bool:
    """Whether ``conn`` has something to read, without waiting: ``conn.poll()`` without the selector object
    that :func:`multiprocessing.connection.wait` builds on each call, four calls a result. Over 3,000 results
    (the pool alone, without writing) the batch process used 1.17–1.29 s of CPU against 1.27–1.48 s before
    (two and three runs on a noisy machine). Raises OSError when closed, as ``conn.poll()`` does."""
    fd = conn.fileno()
    if _POLLER is None:  # pragma: no cover - no poll(): select() is as good for a handful of pipes
        return bool(select.select([fd], [], [], 0)[0])
    poller = _POLLER()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


_POLLER = getattr(select, "poll", None)


def _context() -> Context:
    """Plain fork on Linux, as ``concurrent.futures`` did: a script that calls the batch without an
    ``if __name__ == "__main__":`` guard, or one read from standard input, still works, and workers
    start at once. What fork would carry over is dealt with in the worker (:func:`_serve`): it lets
    go of the batch's locks at once and leaves when the batch is gone. Elsewhere, a fork server
    (workers from a clean process), or spawn."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["rectext.corpus.batch", "rectext.api", "rectext.models"])
        return ctx
    return multiprocessing.get_context("spawn")
