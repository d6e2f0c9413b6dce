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


def _fork_context():
    """multiprocessing's fork context, or None on one core or where there is no fork."""
    if (os.cpu_count() or 1) < 2:
        return None
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def second_process():
    """A process pool of one worker, or None on a machine with one core."""
    if (os.cpu_count() or 1) < 2:
        return None
    from concurrent.futures import ProcessPoolExecutor  # about 35 ms to import: not at start-up

    return ProcessPoolExecutor(1)


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
    process = context.Process(target=_send_all, args=(produce, sender), daemon=True)
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
    finally:
        receiver.close()
        process.kill()
        process.join()
    return (yield from produce(received))


def _send_all(produce: Callable[[int], Iterator], sender) -> None:
    """In the second process: each item, then what ``produce`` returned or raised."""
    with sender:
        items = produce(0)
        try:
            while True:
                sender.send(("item", next(items)))
        except StopIteration as stop:
            sender.send(("done", stop.value))
        except Exception as exc:  # noqa: BLE001 - raised again in the first process
            sender.send(("error", exc))


def in_order(pool, function: Callable, calls: Iterable[tuple], ahead: int,
             local: Callable | None = None) -> Iterator:
    """``function(*args)`` for each ``args`` of ``calls``, in order: made in
    ``pool``'s process while ``calls`` yields the next ones, at most ``ahead``
    waiting; here (``local``, else ``function``) when there is no pool or its
    process died. While this process waits for a result, it makes the
    newest calls that process has not started itself, so neither idles.
    ``function`` must be a module-level function and the arguments plain
    data: a call that cannot be pickled can hang the pool."""
    local = local or function
    if pool is None:
        for args in calls:
            yield local(*args)
        return
    from concurrent.futures.process import BrokenProcessPool

    def submit(args) -> list:  # [args, future or None, result when made here]
        try:
            return [args, pool.submit(function, *args)]
        except BrokenProcessPool:
            return [args, None]

    def make_one_here() -> bool:
        """Make the newest call not started there here; False when there is none."""
        for call in reversed(pending):
            if call[1] is None:
                continue
            if not call[1].cancel():  # started: so are all the older ones
                return False
            call[1] = None
            call.append(local(*call[0]))
            return True
        return False

    def take(call):
        if len(call) == 3:
            return call[2]
        args, future = call
        if future is not None:
            while not future.done() and make_one_here():
                pass
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
