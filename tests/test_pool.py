"""Worker processes: results in input order, a dead worker loses only the item it was on."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence

import pytest

from dossier.pool import BatchHandler, WorkerStartFailed, one_at_a_time, ordered_map


def slow_on_odd_numbers(_config: object) -> BatchHandler[int, int]:
    def square(number: int) -> int:
        if number % 2:
            sum(range(200_000))  # odd numbers finish later, so results arrive out of order
        return number * number

    return one_at_a_time(square)


def dies_on_three(_config: object) -> BatchHandler[int, int]:
    def square(number: int) -> int:
        if number == 3:
            os.kill(os.getpid(), signal.SIGXCPU)
        return number * number

    return one_at_a_time(square)


def dies_on_any_batch_with_three(_config: object) -> BatchHandler[int, int]:
    def squares(numbers: Sequence[int]) -> list[int]:
        if 3 in numbers:  # as a parse of several documents dies on one of them, before any result
            os.kill(os.getpid(), signal.SIGXCPU)
        return [number * number for number in numbers]

    return squares


def batch_sizes(_config: object) -> BatchHandler[int, int]:
    def sizes(numbers: Sequence[int]) -> list[int]:
        time.sleep(0.05)  # the main process sends more while this batch is handled
        return [len(numbers)] * len(numbers)

    return sizes


def sleeps_for(_config: object) -> BatchHandler[float, int]:
    def sleep(seconds: float) -> int:
        time.sleep(seconds)
        return os.getpid()

    return one_at_a_time(sleep)


def cannot_start(_config: object) -> BatchHandler[int, int]:
    raise ValueError("no model here")


def test_results_come_back_in_input_order() -> None:
    assert list(ordered_map(slow_on_odd_numbers, None, range(40), 2, on_lost=lambda item, why: -1)) == [
        n * n for n in range(40)
    ]


def test_a_worker_that_dies_loses_only_the_item_it_was_on() -> None:
    lost: list[tuple[int, str]] = []

    def record(item: int, why: str) -> int:
        lost.append((item, why))
        return -1

    results = list(ordered_map(dies_on_three, None, range(8), 2, on_lost=record))
    assert results == [0, 1, 4, -1, 16, 25, 36, 49]
    assert lost == [(3, "killed by SIGXCPU")]


def test_items_waiting_for_a_worker_are_handled_together_up_to_the_batch_size() -> None:
    sizes = list(ordered_map(batch_sizes, None, range(60), 2, on_lost=lambda item, why: -1, batch=4))
    assert max(sizes) == 4
    assert sum(1 for size in sizes if size > 1) > len(sizes) / 2
    assert sizes[-1] == 1  # the last items go one at a time to whichever worker is free


def test_a_worker_that_dies_on_a_batch_loses_only_the_item_at_fault() -> None:
    lost: list[tuple[int, str]] = []

    def record(item: int, why: str) -> int:
        lost.append((item, why))
        return -1

    results = list(ordered_map(dies_on_any_batch_with_three, None, range(12), 2, on_lost=record, batch=4))
    assert results == [0, 1, 4, -1] + [n * n for n in range(4, 12)]
    assert lost == [(3, "killed by SIGXCPU")]


def test_a_worker_that_cannot_start_is_an_error() -> None:
    with pytest.raises(WorkerStartFailed, match="no model here"):
        list(ordered_map(cannot_start, None, range(3), 2, on_lost=lambda item, why: -1))


def test_the_last_items_go_to_a_free_worker_not_behind_a_busy_one() -> None:
    # Input that ends: the short items after the long one are not queued behind it (two ahead per worker
    # would put the third on the first worker, which idles the other at the end of a run).
    pids = list(ordered_map(sleeps_for, None, [3.0, 0.01, 0.01, 0.01], 2, on_lost=lambda item, why: -1))
    assert pids[0] not in pids[1:] and len(set(pids[1:])) == 1
