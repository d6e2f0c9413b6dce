"""Work handed to a second process: a generator's items in order, what it
returns or raises, the rest made here when that process dies, the process
stopped when the caller stops taking items; calls made in order, this
process taking on the ones not started while it waits."""

import os
import time

import pytest

from belcat.core import offload

_PARENT = os.getpid()


def _squares(skip: int, stop_at: int | None = None):
    for n in range(skip, 20):
        if stop_at is not None and n == stop_at and os.getpid() != _PARENT:
            os._exit(1)  # the second process dies here
        yield n * n, os.getpid()
    return "all made"


def _take(stream) -> tuple[list, object]:
    """(the items, what the generator returned)."""
    items = []
    while True:
        try:
            items.append(next(stream))
        except StopIteration as stop:
            return items, stop.value


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process")
def test_items_come_in_order_from_the_second_process_with_what_it_returns():
    items, result = _take(offload.streamed(_squares))
    assert [square for square, _ in items] == [n * n for n in range(20)]
    assert {pid for _, pid in items} != {_PARENT}
    assert result == "all made"


def test_without_parallel_everything_is_made_here():
    items, result = _take(offload.streamed(_squares, parallel=False))
    assert [square for square, _ in items] == [n * n for n in range(20)]
    assert {pid for _, pid in items} == {_PARENT}
    assert result == "all made"


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process")
def test_when_the_second_process_dies_the_rest_is_made_here():
    items, result = _take(offload.streamed(lambda skip: _squares(skip, stop_at=7)))
    assert [square for square, _ in items] == [n * n for n in range(20)]
    pids = [pid for _, pid in items]
    assert pids[0] != _PARENT and set(pids[7:]) == {_PARENT}
    assert result == "all made"


def _fails(skip: int):
    yield 1
    raise ValueError("line 3: broken")


@pytest.mark.parametrize("parallel", [False, True])
def test_an_error_there_is_raised_here(parallel):
    stream = offload.streamed(_fails, parallel=parallel)
    assert next(stream) == 1
    with pytest.raises(ValueError, match="line 3: broken"):
        next(stream)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process")
def test_the_process_stops_when_the_caller_stops_taking_items():
    def endless(skip):
        n = skip
        while True:
            yield os.getpid(), n
            n += 1
    stream = offload.streamed(endless)
    child, first = next(stream)
    assert child != _PARENT and first == 0
    stream.close()
    with pytest.raises(ProcessLookupError):
        for _ in range(100):  # killed and reaped by close(); give the kernel a moment
            os.kill(child, 0)
            time.sleep(0.01)


def _slow_there(n: int):
    if os.getpid() != _PARENT:
        time.sleep(0.05)
    return n * n, os.getpid()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process")
def test_calls_come_in_order_and_this_process_makes_some_while_it_waits():
    results = list(offload.in_order(offload.second_process(), _slow_there, ((n,) for n in range(12)), 4))
    assert [square for square, _ in results] == [n * n for n in range(12)]
    assert {pid for _, pid in results} - {_PARENT}  # the pool made some
    assert _PARENT in {pid for _, pid in results}  # and this process the ones it did not start


def test_without_a_pool_every_call_is_made_here():
    results = list(offload.in_order(None, _slow_there, ((n,) for n in range(5)), 2))
    assert results == [(n * n, _PARENT) for n in range(5)]


KILLED_PARENT = """
import os, sys, time
from belcat.core import offload

def slow(skip):
    for n in range(skip, 10**9):
        yield os.getpid()
        time.sleep(0.01)

if sys.argv[1] == "pool":
    pool = offload.second_process()
    worker = pool.submit(os.getpid).result()
else:
    worker = next(offload.streamed(slow))
print(worker, flush=True)
os.kill(os.getpid(), 9)
"""


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="no second process here")
@pytest.mark.parametrize("kind", ["pool", "streamed"])
def test_the_second_process_ends_when_the_first_is_killed(kind):
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parent = subprocess.Popen([sys.executable, "-c", KILLED_PARENT, kind], stdout=subprocess.PIPE,
                              text=True, cwd=root)
    worker = int(parent.stdout.readline())
    parent.wait(timeout=30)
    assert worker != parent.pid
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and os.path.exists(f"/proc/{worker}"):
        time.sleep(0.1)
    assert not os.path.exists(f"/proc/{worker}"), "the second process outlived the first"
