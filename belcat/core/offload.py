"""Pure-Python work handed to a second process while this one goes on.

``second_process()`` gives a pool of one worker (or None on one core), and
``in_order()`` runs a function over a stream of calls there, a few calls
ahead, yielding the results in the order of the calls. Should the second
process die, the calls it did not answer are made here, so callers need
no fallback of their own.
"""

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator


def second_process(*, fork: bool = False, initializer=None, initargs=()):
    """A process pool of one worker, or None on a machine with one core.
    ``fork``: only a forked process (state such as closures reaches it
    through ``initargs`` unpickled); None where there is no fork."""
    if (os.cpu_count() or 1) < 2:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # about 35 ms to import: not at start-up

    context = None
    if fork:
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:
            return None
    return ProcessPoolExecutor(1, mp_context=context, initializer=initializer, initargs=initargs)


def in_order(pool, function: Callable, calls: Iterable[tuple], ahead: int,
             local: Callable | None = None) -> Iterator:
    """``function(*args)`` for each ``args`` of ``calls``, in order: made in
    ``pool``'s process while ``calls`` yields the next ones, at most ``ahead``
    waiting; here (``local``, else ``function``) when there is no pool or its
    process died. ``function`` must be a module-level function and the
    arguments plain data: a call that cannot be pickled can hang the pool."""
    local = local or function
    if pool is None:
        for args in calls:
            yield local(*args)
        return
    from concurrent.futures.process import BrokenProcessPool

    def submit(args):
        try:
            return args, pool.submit(function, *args)
        except BrokenProcessPool:
            return args, None

    def take(item):
        args, future = item
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                pass
        return local(*args)

    pending: deque = deque()
    try:
        for args in calls:
            pending.append(submit(args))
            if len(pending) > ahead:
                yield take(pending.popleft())
        while pending:
            yield take(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
