"""Run cases in worker processes: ``run(cases, frameworks, dtypes, workers)`` returns exactly what
``harness.run`` (the serial API) returns, in the same order.

Design:
* A task is one case × framework × dtype (``harness.run_case``). Workers are ``spawn``ed
  processes (TensorFlow does not survive ``fork``); each imports the frameworks once, when it
  starts, then serves tasks one at a time over its own pipe, so the parent always knows which
  task each worker holds.
* The expensive families (trajectories, distribution tests) are handed out first and everything
  else fills in behind them; the records are put back in ``harness.run``'s order at the end.
* A worker that dies (a crash in native code, the OOM killer) costs only the task it held: that
  task becomes an ``error`` record saying so, a fresh worker takes its place, and the run goes
  on. If workers die before they can take any task (a framework that crashes on import), the
  tasks left become ``error`` records with the exit code: a run's report is never lost.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable

from conformance import frameworks, harness
from conformance.case import Case
from conformance.record import Record

# Rough seconds per task (case × framework × dtype) on a quiet 2-core x86-64, from a full run:
# optimizers 74 s over 224 tasks, schedules 31 s over 68, regularizers 30 s over 68, the rest
# ~15 s over ~700; whole models 0.7 s per task (2026-12-02). Used to order the tasks and to size the
# pool, never to judge anything.
COST_S = {"model": 0.7, "optimizer": 0.35, "schedule": 0.45, "regularizer": 0.45, "clipping": 0.3,
          "initializer": 0.05}
DEFAULT_COST_S = 0.02
# What starting a worker costs (importing torch and TensorFlow/Keras): ~5 s on the same machine.
STARTUP_S = 5.0
# Workers that die before taking any task, in a row, after which no more are started.
MAX_STARTUP_FAILURES = 3

Progress = Callable[[int, int], None]      # progress(tasks done, tasks in all)


@dataclass(frozen=True)
class Task:
    index: int            # position in harness.run's order
    case: Case
    framework: str
    dtype: str

    @property
    def cost(self) -> float:
        return COST_S.get(self.case.family, DEFAULT_COST_S)


def tasks(cases: Iterable[Case], frameworks_: Iterable[str], dtypes: Iterable[str]) -> list[Task]:
    """Every case × framework × dtype, in harness.run's order."""
    fws, dts = list(frameworks_), list(dtypes)
    combos = [(c, f, d) for c in cases for f in fws for d in dts]
    return [Task(i, c, f, d) for i, (c, f, d) in enumerate(combos)]


def workers_for(todo: list[Task], requested: int) -> int:
    """How many workers are worth starting: at most ``requested``, one per STARTUP_S of estimated
    work (a small selection runs faster in-process than a worker takes to import the frameworks),
    and never more than there are tasks. 1 means: run in-process."""
    work = sum(t.cost for t in todo)
    return max(1, min(requested, len(todo), math.floor(work / STARTUP_S)))


def run(cases: Iterable[Case], frameworks_: Iterable[str], dtypes: Iterable[str], workers: int, *,
        device: str = "cpu", progress: Progress | None = None) -> list[Record]:
    """The records of every case × framework × dtype (torch on ``device``) in harness.run's order;
    ``workers`` > 1 runs them in that many spawned processes, 1 in this process (``harness.run``)."""
    cases, fws, dts = list(cases), list(frameworks_), list(dtypes)
    todo = tasks(cases, fws, dts)
    if workers <= 1 or len(todo) <= 1:
        return harness.run(cases, fws, dts, device=device, progress=progress)
    results = _Pool(min(workers, len(todo)), fws, device, progress).run(todo)
    return [r for t in todo for r in results[t.index]]


# --- the worker process ------------------------------------------------------------------------

def _serve(conn: Connection, frameworks_: list[str], device: str) -> None:
    """A worker: import the frameworks once, say so, then run the tasks it is sent until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle: it stops the workers
    for fw in frameworks_:
        try:
            frameworks.load(fw)
        except frameworks.Unavailable:
            pass                               # each of its tasks becomes a skip (or, broken, an error) record
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except EOFError:                       # the parent is gone
            return
        if task is None:                       # done: skip the frameworks' slow teardown (seconds)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        try:
            records = harness.run_case(task.case, task.framework, task.dtype, device=device)
        except Exception as exc:  # noqa: BLE001 - run_case never raises; if it does, the task says why
            records = [_error(task, f"{type(exc).__name__} in the worker: {exc}")]
        try:
            conn.send((task.index, records))
        except Exception as exc:  # noqa: BLE001 - e.g. a record that cannot be pickled
            conn.send((task.index, [_error(task, f"its records could not be sent back ({type(exc).__name__}: {exc})")]))


def _error(task: Task, note: str) -> Record:
    c = task.case
    return Record(component=c.component, family=c.family, case=c.id, framework=task.framework,
                  dtype=task.dtype, check="setup", status="error", note=note)


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


# --- the parent ------------------------------------------------------------------------------

@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False                    # it has imported the frameworks
    task: Task | None = None               # the task it holds


class _Pool:
    """Workers fed one task at a time; see the module docstring."""

    def __init__(self, size: int, frameworks_: list[str], device: str, progress: Progress | None):
        self.size, self.frameworks, self.device, self.progress = size, frameworks_, device, progress
        self.ctx = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []       # running
        self.started: list[_Worker] = []       # every worker ever started, joined at the end
        self.startup_failures = 0              # workers in a row that died before they were ready
        self.last_death = ""

    def run(self, todo: list[Task]) -> dict[int, list[Record]]:
        queue = sorted(todo, key=lambda t: (t.cost, -t.index))    # pop() takes the most expensive, in order
        results: dict[int, list[Record]] = {}
        try:
            for _ in range(self.size):
                self._start()
            while len(results) < len(todo):
                if not self.workers:           # all died before they were ready; none may be started
                    for t in queue:
                        results[t.index] = [_error(t, f"not run: every worker process died before it could "
                                                      f"take a task ({self.last_death}); run with --workers 1 "
                                                      f"to see the error")]
                    break
                ready = wait([w.conn for w in self.workers], timeout=0.5)
                for w in [w for w in self.workers if w.conn in ready]:
                    self._service(w, queue, results)
                if self.progress is not None:
                    self.progress(len(results), len(todo))
        except BaseException:                  # an interrupt or an error here: stop the workers now
            for w in self.started:
                if w.process.is_alive():
                    w.process.terminate()
            raise
        finally:
            self._join()
        return results

    def _start(self) -> None:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(child, self.frameworks, self.device), daemon=True,
                                   name=f"rosetta-worker-{len(self.started)}")
        process.start()
        child.close()                      # only the worker holds its end now: EOF here when it dies
        worker = _Worker(process, parent)
        self.workers.append(worker)
        self.started.append(worker)

    def _service(self, w: _Worker, queue: list[Task], results: dict[int, list[Record]]) -> None:
        """Read what the worker sent and hand it the next task; if it died, account for it."""
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg == "ready":
                    w.ready, self.startup_failures = True, 0
                else:
                    index, records = msg
                    results[index], w.task = records, None
        except (EOFError, OSError):        # its end of the pipe closed: it is gone
            self._bury(w, queue, results)
            return
        while w.ready and w.task is None and queue:
            task = queue.pop()
            try:
                w.conn.send(task)
            except (BrokenPipeError, ConnectionResetError):   # it died just now
                queue.append(task)
                self._bury(w, queue, results)
                return
            except Exception as exc:  # noqa: BLE001 - a case that cannot be pickled: that task only
                results[task.index] = [_error(task, f"not run: the case could not be sent to a worker "
                                                    f"({type(exc).__name__}: {exc})")]
                continue
            w.task = task
        if w.ready and w.task is None:     # nothing left for it: it ends
            try:
                w.conn.send(None)
            except OSError:
                pass
            self.workers.remove(w)

    def _bury(self, w: _Worker, queue: list[Task], results: dict[int, list[Record]]) -> None:
        """A worker is gone: its task (if any) becomes an error record, and a new worker is started
        while tasks are left, unless workers keep dying before they are ready."""
        w.process.join(timeout=10)
        if w.process.is_alive():           # its pipe broke but it lives on: it is of no use
            w.process.terminate()
            w.process.join(timeout=5)
        self.last_death = _exit_reason(w.process.exitcode)
        if w.task is not None:
            results[w.task.index] = [_error(w.task, f"the worker process running this task died "
                                                    f"({self.last_death}); the run went on without it")]
        elif not w.ready:
            self.startup_failures += 1
        self.workers.remove(w)
        if queue and self.startup_failures < MAX_STARTUP_FAILURES:
            self._start()

    def _join(self) -> None:
        """Wait for every worker to end (each was sent None, or died, or was terminated)."""
        deadline = time.monotonic() + 10
        for w in self.started:
            w.process.join(timeout=max(0.1, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.terminate()
                w.process.join(timeout=5)
            w.conn.close()
