"""`cardengine session sync W.db URL [--watch]`: a laptop's file in step with the workshop's server, from the shell.

One round (push what the server lacks, pull what it has) and exit 0, or 1 when the server cannot be reached or
refuses; `--watch` keeps syncing, saying each change of state, until Ctrl-C.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from cardengine.cli.common import EXIT_OK, EXIT_PROBLEMS, fail, say, usage_error
from cardengine.i18n import ntr, tr

if TYPE_CHECKING:
    from cardengine.sync import SyncClient


def cmd_sync(args: argparse.Namespace) -> int:
    from cardengine.sessions import StoreError, Workshop
    from cardengine.sync import ProtocolError, SyncClient

    try:
        client = SyncClient(args.workshop, args.url)
    except ProtocolError as exc:  # before the file is touched
        return usage_error(str(exc))
    try:
        Workshop.open(args.workshop).close()  # the file's own problems in the words every command uses
    except StoreError as exc:
        return fail(str(exc))
    if not args.watch:
        status = client.sync_once()
        if status.state != "ok":
            return fail(_trouble(client.target.base, status.state, status.message, None))
        say(tr("in step with {server}: {sent}, {received}").format(
            server=client.target.base, sent=ntr("{n} event sent", "{n} events sent", client.sent).format(
                n=client.sent), received=ntr("{n} received", "{n} received", client.received).format(
                n=client.received)))
        return EXIT_OK
    return _watch(client)


def _watch(client: SyncClient) -> int:
    client.start()
    said: tuple[str, str] | None = None
    try:
        while True:
            status = client.status()
            shown = (status.state, status.message if status.state != "ok" else "")
            if client.rounds and shown != said:  # each change of state once, from the first round's end
                said = shown
                if status.state == "ok":
                    say(tr("in step with {server} ({sent} sent, {received} received so far); Ctrl-C to stop").format(
                        server=client.target.base, sent=client.sent, received=client.received))
                else:
                    fail(_trouble(client.target.base, status.state, status.message,
                                  status.waiting if status.last_ok else None))
            time.sleep(0.2)
    except KeyboardInterrupt:
        status = client.stop()
    return EXIT_OK if status.state == "ok" else EXIT_PROBLEMS


def _trouble(server: str, state: str, message: str, waiting: int | None) -> str:
    """What went wrong; `waiting`: the events known to wait (None before the server was ever reached: which of
    the file's events it lacks is not known then)."""
    waits = (ntr("{n} event waits", "{n} events wait", waiting).format(n=waiting) if waiting is not None
             else tr("nothing was sent or received"))
    if state == "offline":
        return tr("cannot reach {server} ({reason}); {waits}: sync again when the server is on the network").format(
            server=server, reason=message, waits=waits)
    return tr("{server} refused: {reason}; {waits}").format(server=server, reason=message, waits=waits)
