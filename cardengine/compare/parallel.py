"""Run one step of `compare` in a second process while this one does another (the PDF while the CSV and HTML
are written): on a machine with two cores, their times overlap instead of adding up.

The child is forked, so it starts with the report already in memory (nothing to pickle on the way in), and
sends back only the result (bytes). Where forking is not available, on one core, or if the child fails in
any way (an error, killed, out of memory), the step runs here instead, as it would have: the same result, or
the same error raised by the same code.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")


def in_background(step: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Start `step(*args)` in a forked process; the function returned waits for its result."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return lambda: step(*args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, step, args), daemon=True)
    try:
        child.start()
    except OSError:  # no process to be had (limits, memory): do it here
        receive.close()
        send.close()
        return lambda: step(*args)
    send.close()

    def result() -> T:
        try:
            done, value = receive.recv()
        except (EOFError, OSError):  # the child died without a word
            done, value = False, None
        finally:
            receive.close()
            child.join()
        return value if done else step(*args)  # a failure is met again here, and reported as usual

    return result


def _run(send: Connection, step: Callable[..., Any], args: tuple[Any, ...]) -> None:
    # What the child inherited (the facts, the comparison: millions of objects) is the parent's, alive for the
    # child's whole life: frozen, the child's garbage collections skip it instead of walking it, and writing
    # to it, page by page (0.6 s of CPU at 1,000 workshops, and pages copied that stayed shared).
    gc.freeze()
    try:
        value = step(*args)
    except BaseException:
        send.send((False, None))
    else:
        send.send((True, value))
    finally:
        send.close()
