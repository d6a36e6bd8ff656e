"""`cardengine.cli.main.main` run in the test's own process, as `python -m cardengine` would run it, with nothing
carried from one call to the next.

Around each call: the environment, working folder, argv, standard streams, umask, signal handlers, locale,
logging and warnings filters are set as a fresh process would have them and put back afterwards; the engine's
memoised functions are emptied (a fresh process starts with them empty: a file changed at the same path must
be read again). A call refuses to run while this process has a workshop file open (the engine treats a file
it already has open differently, and closing its descriptor would drop that file's SQLite locks): tests of
several programs on one file use the real subprocess (`run_cli`).
"""

from __future__ import annotations

import io
import locale
import logging
import os
import signal
import sys
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGHUP, signal.SIGXFSZ, signal.SIGALRM,
            signal.SIGCHLD, signal.SIGUSR1, signal.SIGUSR2]
# The filters of a fresh interpreter (python -W and PYTHONWARNINGS unset), as `python -m cardengine` starts.
_FRESH_FILTERS = [("default", DeprecationWarning, "__main__"), ("ignore", DeprecationWarning, None),
                  ("ignore", PendingDeprecationWarning, None), ("ignore", ImportWarning, None),
                  ("ignore", ResourceWarning, None)]


def _engine_modules() -> list[object]:
    return [m for name, m in list(sys.modules.items()) if name == "cardengine" or name.startswith("cardengine.")]


# Caches of pure functions whose key is their whole input, kept from one command to the next as a long-lived
# process would keep them: a QR code's modules depend on its text only (5 ms a card to choose its mask again).
_KEPT = {("cardengine.printing.qr", "qr_runs")}


def _clear_engine_caches() -> None:
    for module in _engine_modules():
        for name, value in list(vars(module).items()):
            if (callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == module.__name__
                    and (module.__name__, name) not in _KEPT):
                value.cache_clear()


def _open_workshops() -> dict:
    store = sys.modules.get("cardengine.sessions.store")
    return dict(getattr(store, "_OPEN_HERE", {}))


def _text(buffer: io.BytesIO) -> str:
    # As subprocess.run(text=True) reads a child's output: decoded, with universal newlines.
    return buffer.getvalue().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def run_in_process(argv: Sequence[str], *, cwd: Path, input: str | None, env: dict[str, str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `cardengine ARGV` run by `cardengine.cli.main.main` here."""
    from cardengine import i18n
    from cardengine.cli.main import main

    open_before = _open_workshops()
    assert not open_before, ("a workshop file is open in this process: close it before running a command here, "
                             "or run the command as a real process (run_cli)")
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_argv = sys.argv
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_umask = os.umask(0o022)
    os.umask(saved_umask)
    saved_signals = {s: signal.getsignal(s) for s in _SIGNALS}
    saved_locale = locale.setlocale(locale.LC_ALL)
    saved_language = i18n.language()  # main() sets the messages' language (--lang, CARDENGINE_LANG) for its run
    root = logging.getLogger()
    saved_logging = root.level, list(root.handlers), logging.root.manager.disable
    threads = set(threading.enumerate())

    out, err = io.BytesIO(), io.BytesIO()
    # PYTHONIOENCODING=utf-8, as run_cli sets: stdout strict, stderr backslashreplace (Python's own choice).
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", newline="\n", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True)
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    _clear_engine_caches()
    try:
        os.environ.update(env)
        os.chdir(cwd)
        sys.argv = [str(Path(sys.modules["cardengine"].__file__).with_name("__main__.py")), *argv]
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        with warnings.catch_warnings(record=True) as caught:
            warnings.resetwarnings()
            for action, category, module in reversed(_FRESH_FILTERS):
                warnings.filterwarnings(action, category=category, module=module or "")
            try:
                code = main(list(argv))
            except SystemExit as exc:  # argparse's usage errors and --help/--version
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
            for w in caught:  # a fresh process prints them on stderr
                stderr.write(warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line))
        stdout.flush()
        stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.argv = saved_argv
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        umask = os.umask(saved_umask)
        for s, handler in saved_signals.items():
            if signal.getsignal(s) is not handler and handler is not None:
                signal.signal(s, handler)
        locale.setlocale(locale.LC_ALL, saved_locale)
        i18n.set_language(saved_language)
        root.setLevel(saved_logging[0])
        root.handlers[:] = saved_logging[1]
        logging.disable(saved_logging[2])
        _clear_engine_caches()
    # What a command must not leave behind in a long-lived process (a fresh process would hide it).
    assert umask == saved_umask, f"the command changed the umask to {umask:o}"
    assert not _open_workshops(), f"the command left workshop files open: {_open_workshops()}"
    for thread in set(threading.enumerate()) - threads:  # Rich stops its refresh thread without waiting for it
        thread.join(timeout=10)
    left = [t.name for t in set(threading.enumerate()) - threads]
    assert not left, f"the command left threads running: {left}"
    return int(code or 0), _text(out), _text(err)
