"""Pure-Python work handed to a second process while this one goes on.

``second_process()`` gives a pool of one worker (or None on one core), and
``in_order()`` runs a function over a stream of calls there, a few calls
ahead, yielding the results in the order of the calls. ``streamed()`` runs
a whole generator in a forked process and passes its items on as they come.
Should the second process die, the work it did not deliver is done here, so
callers need no fallback of their own.
"""

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator


def _one_core() -> bool:
    return (os.cpu_count() or 1) < 2


def _fork_context():
    """multiprocessing's fork context, or None on one core or where there is no fork."""
    if _one_core():
        return None
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def _exit_with_parent(parent: int) -> None:
    """In a second process: end it once the process that made it is gone
    (killed, say), instead of waiting for work that never comes."""
    import threading
    import time

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def second_process():
    """A process pool of one worker, or None on a machine with one core."""
    if _one_core():
        return None
    from concurrent.futures import ProcessPoolExecutor  # about 35 ms to import: not at start-up

    return ProcessPoolExecutor(1, initializer=_exit_with_parent, initargs=(os.getpid(),))


def streamed(produce: Callable[[int], Iterator], parallel: bool = True) -> Iterator:
    """The items of ``produce(0)``, made in a forked second process (when
    ``parallel`` and there is one) while this one takes the items before.
    ``produce(skip)`` must give the same items without the first ``skip``:
    should the process die, the items it did not send are made here. An
    exception raised by ``produce`` there is raised here; what ``produce``
    returns is returned (``result = yield from streamed(...)``).

    The process is forked, so ``produce`` may be a closure; it must not use
    this process's SQLite connections. The pipe holds little, so it stays
    about one item ahead; it is stopped when the caller stops taking items."""
    context = _fork_context() if parallel else None
    if context is None:
        return (yield from produce(0))
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send_all, args=(produce, sender, os.getpid()), daemon=True)
    process.start()
    sender.close()
    received = 0
    try:
        while True:
            try:
                tag, value = receiver.recv()
            except EOFError:  # the process died: make the rest here
                break
            if tag == "item":
                received += 1
                yield value
            elif tag == "error":
                raise value
            else:
                return value
    finally:  # stopped before the pipe closes, so that it never writes to a closed pipe
        process.kill()
        process.join()
        receiver.close()
    return (yield from produce(received))


def _send_all(produce: Callable[[int], Iterator], sender, parent: int) -> None:
    """In the second process: each item, then what ``produce`` returned or raised."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the first process, which stops this one
    _exit_with_parent(parent)
    with sender:
        items = produce(0)
        try:
            while True:
                sender.send(("item", next(items)))
        except StopIteration as stop:
            sender.send(("done", stop.value))
        except Exception as exc:  # noqa: BLE001 - raised again in the first process
            sender.send(("error", exc))


IN_POOL = 3  # calls handed to the pool at a time: one being made, two waiting


class _Call:
    __slots__ = ("args", "future", "made", "result")

    def __init__(self, args: tuple):
        self.args, self.future, self.made, self.result = args, None, False, None


def in_order(pool, function: Callable, calls: Iterable[tuple], ahead: int) -> Iterator:
    """``function(*args)`` for each ``args`` of ``calls``, in order: made in
    ``pool``'s process while ``calls`` yields the next ones, at most ``ahead``
    waiting; here when there is no pool or its process died. The pool is
    handed IN_POOL calls at a time; while this process waits for a result,
    it makes the newest calls not handed over itself, so that neither
    process idles. ``function`` must be a
    module-level function and the arguments plain data: a call that cannot
    be pickled can hang the pool."""
    if pool is None:
        for args in calls:
            yield function(*args)
        return
    from concurrent.futures.process import BrokenProcessPool

    pending: deque[_Call] = deque()
    broken = False

    def hand_over() -> None:
        nonlocal broken
        in_pool = sum(1 for c in pending if c.future is not None and not c.future.done())
        for call in pending:
            if broken or in_pool >= IN_POOL:
                return
            if call.future is None and not call.made:
                try:
                    call.future = pool.submit(function, *call.args)
                except BrokenProcessPool:
                    broken = True
                    return
                in_pool += 1

    def make_here(call: _Call) -> None:
        call.made, call.result = True, function(*call.args)

    def take_first():
        nonlocal broken
        call = pending[0]  # left in ``pending`` so that hand_over() counts it
        while not call.made:
            hand_over()
            if call.future is None:  # the pool is broken
                make_here(call)
                break
            if call.future.done():
                break
            newest = next((c for c in reversed(pending) if c.future is None and not c.made), None)
            if newest is None:
                break
            make_here(newest)
        if not call.made:
            try:
                call.made, call.result = True, call.future.result()
            except BrokenProcessPool:
                broken = True
                make_here(call)
        return pending.popleft().result

    try:
        for args in calls:
            pending.append(_Call(args))
            hand_over()
            if len(pending) > ahead:
                yield take_first()
        while pending:
            yield take_first()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
