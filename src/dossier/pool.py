"""Worker processes that handle a stream of items and give the results back in input order.

`ordered_map` is what `dossier run --processes N` runs its per-document loop
on: each worker builds its handler once (the spaCy model and every stage's
knowledge), then takes the items waiting for it, up to `batch` at a time
(spaCy parses a few documents together cheaper than one by one). Results
come back in the order the items came in, whichever worker finished first,
so a run stores the same rows in the same order with any number of processes.

A worker that dies (killed for running over its CPU limit, out of memory, a
crash in compiled code) loses only the item it was working on: that item's
result is what `on_lost` makes of it, the items queued behind it go to a new
worker, and the stream goes on. Where it died on a batch, which item killed
it is not known: every item it held is sent again alone, and the one a
worker then dies on alone is the lost one.

Items and results cross processes by pickling: frozen dataclasses of plain
values, never spaCy objects.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar, cast

from dossier.errors import DossierError

Item = TypeVar("Item")
Result = TypeVar("Result")

# Items sent to one worker ahead of the one it is on: it never waits for the
# main process between items, and a lost worker takes back few.
AHEAD_PER_WORKER = 2

# Results held for storing in order, per worker: when one document takes
# long, the others' results wait for it, up to this many.
WINDOW_PER_WORKER = 16

_END: Any = object()
_READY = "ready"
_FAILED = "failed"


class WorkerStartFailed(DossierError):
    """A worker could not build its handler (a missing model, a bad data file): nothing can be analysed."""


# An item in flight: its index in the input, the item, and whether it must be handled alone.
Task = tuple[int, Item, bool]
BatchHandler = Callable[[Sequence[Item]], Iterable[Result]]


@dataclass
class _Worker(Generic[Item]):
    process: BaseProcess
    connection: Connection
    in_flight: deque[Task[Item]] = field(default_factory=deque)
    ready: bool = False


def ordered_map(
    build_handler: Callable[[Any], BatchHandler[Item, Result]],
    config: Any,
    items: Iterable[Item],
    processes: int,
    on_lost: Callable[[Item, str], Result],
    batch: int = 1,
) -> Iterator[Result]:
    """`build_handler(config)(items)` over all items, in `processes` worker processes; results in input order.

    The handler takes a list of up to `batch` items and gives one result per
    item, in their order (`one_at_a_time` makes one of a function of one
    item). `build_handler` must be a module-level function (a spawned worker
    imports it by name). Workers start when there is work for them: a run of
    one document starts one. Raises `WorkerStartFailed` when a worker cannot
    build its handler.

    Example:
        >>> list(ordered_map(_squarer, None, [1, 2, 3], processes=2, on_lost=lambda item, why: None))
        [1, 4, 9]
    """
    context = multiprocessing.get_context("spawn")
    pending = iter(items)
    retry: deque[Task[Item]] = deque()
    # Items read ahead of the workers: once the input is known to end, only an idle worker takes one.
    upcoming: deque[Task[Item]] = deque()
    # A batch's worth per worker: results come back one by one as its documents finish their stages, and
    # each frees a place, so the next batch is waiting when this one is done; at the end of the input
    # each worker holds at most one batch.
    ahead = max(AHEAD_PER_WORKER, batch)
    workers: list[_Worker[Item]] = []
    done: dict[int, Result] = {}
    taken = given = 0  # items taken from `items`, results given back
    window = max(WINDOW_PER_WORKER, 2 * ahead) * processes
    exhausted = False
    try:
        while True:
            while given in done:
                yield done.pop(given)
                given += 1
            while not exhausted and len(upcoming) <= ahead * processes and taken - given < window:
                taken_item = next(pending, _END)
                if taken_item is _END:
                    exhausted = True
                    break
                upcoming.append((taken, cast(Item, taken_item), batch == 1))
                taken += 1
            while retry or upcoming:
                # Queued behind a busy worker only while more input follows: at the end the last items
                # go to whichever worker is free first, one at a time, so both finish together.
                worker = _free_worker(workers, processes, ahead if not exhausted else 1)
                if worker is None and len(workers) < processes:
                    worker = _start(context, build_handler, config, batch)
                    workers.append(worker)
                if worker is None:
                    break
                task = retry.popleft() if retry else upcoming.popleft()
                worker.in_flight.append(task)
                try:
                    worker.connection.send(task)
                except OSError:  # it has died: `_collect` reads the end of its pipe and hands its items on
                    pass
            if exhausted and given == taken:
                return
            _collect(workers, done, retry, on_lost)
    finally:
        _stop(workers)


def one_at_a_time(handle: Callable[[Item], Result]) -> BatchHandler[Item, Result]:
    """A batch handler that calls `handle` on each item in turn."""
    return lambda items: map(handle, items)


def _free_worker(workers: list[_Worker[Item]], processes: int, ahead: int) -> _Worker[Item] | None:
    """The worker with the fewest items in flight if it can take one more; None where a new one should start.

    A new worker starts only when every worker has work: a run of one document starts one.
    """
    least = min(workers, key=lambda worker: len(worker.in_flight), default=None)
    if least is None or (least.in_flight and len(workers) < processes):
        return None
    return least if len(least.in_flight) < ahead else None


def _start(
    context: Any, build_handler: Callable[[Any], BatchHandler[Item, Result]], config: Any, batch: int
) -> _Worker[Item]:
    ours, theirs = context.Pipe()
    process = context.Process(
        target=_serve, args=(theirs, build_handler, config, batch), name="dossier-worker", daemon=True
    )
    process.start()
    theirs.close()
    return _Worker(process, ours)


def _collect(
    workers: list[_Worker[Item]],
    done: dict[int, Result],
    retry: deque[Task[Item]],
    on_lost: Callable[[Item, str], Result],
) -> None:
    """Wait for any worker to answer, and take in what it says; a worker whose pipe ends has died."""
    by_connection: dict[Any, _Worker[Item]] = {worker.connection: worker for worker in workers}
    for ready in wait(list(by_connection)):
        worker = by_connection[ready]
        try:
            message = worker.connection.recv()
        except Exception:  # the worker died (EOF), maybe in the middle of a message
            _lose(worker, workers, done, retry, on_lost)
            continue
        _take(message, worker, done)


def _take(message: tuple[Any, Any], worker: _Worker[Item], done: dict[int, Result]) -> None:
    kind, value = message
    if kind == _READY:
        worker.ready = True
    elif kind == _FAILED:
        raise WorkerStartFailed(value)
    else:
        worker.in_flight.popleft()
        done[kind] = value


def _lose(
    worker: _Worker[Item],
    workers: list[_Worker[Item]],
    done: dict[int, Result],
    retry: deque[Task[Item]],
    on_lost: Callable[[Item, str], Result],
) -> None:
    """A worker died: the item it was on is lost, the ones queued behind it go to another worker.

    Where the item it was on had been sent in a batch, the one that killed it
    is not known: all it held go again, each alone.
    """
    worker.process.join()
    workers.remove(worker)
    worker.connection.close()
    if not worker.ready:
        raise WorkerStartFailed(f"a worker process ended while starting ({_describe_exit(worker.process.exitcode)})")
    if worker.in_flight and not worker.in_flight[0][2]:
        retry.extendleft(reversed([(index, item, True) for index, item, _alone in worker.in_flight]))
        return
    if worker.in_flight:
        index, item, _alone = worker.in_flight.popleft()
        done[index] = on_lost(item, _describe_exit(worker.process.exitcode))
    retry.extendleft(reversed(worker.in_flight))


def _describe_exit(code: int | None) -> str:
    import signal

    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def _stop(workers: list[_Worker[Item]]) -> None:
    for worker in workers:
        try:
            worker.connection.send(None)
        except OSError:
            pass
    for worker in workers:
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()


def _serve(
    connection: Connection, build_handler: Callable[[Any], BatchHandler[Any, Any]], config: Any, batch: int
) -> None:
    """A worker's life: build the handler once, then answer the items waiting for it until told to stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it stops the workers
    try:
        handle = build_handler(config)
    except Exception as error:
        connection.send(
            (_FAILED, str(error) if isinstance(error, DossierError) else f"{type(error).__name__}: {error}")
        )
        return
    connection.send((_READY, None))
    held: deque[Any] = deque()  # tasks taken from the pipe but not handled yet
    while True:
        tasks = _next_batch(connection, held, batch)
        if not tasks:
            return
        indexes = [index for index, _item, _alone in tasks]
        for index, result in zip(indexes, handle([item for _index, item, _alone in tasks]), strict=True):
            connection.send((index, result))
        if held and held[0] is None:
            return


def _next_batch(connection: Connection, held: deque[Any], batch: int) -> list[Task[Any]]:
    """The tasks to handle together: the next one (waiting for it), then those already waiting, up to `batch`.

    A task marked alone is handled alone. Empty when the main process says
    stop or is gone.
    """
    tasks: list[Task[Any]] = []
    while len(tasks) < batch:
        if not held:
            if tasks and not connection.poll():
                break
            try:
                held.append(connection.recv())
            except EOFError:  # the main process is gone
                break
        task = held[0]
        if task is None or (tasks and (task[2] or tasks[0][2])):
            break
        tasks.append(held.popleft())
    return tasks


def _squarer(_config: Any) -> BatchHandler[int, int]:
    return one_at_a_time(lambda number: number * number)
