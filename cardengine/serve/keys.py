"""The server's three secrets and its signing key, kept in a sidecar file beside the workshop (`W.db.serve.json`).

Owns making them on the first `cardengine serve` (random, from `secrets`), writing the sidecar readable by its
owner only (0600, created whole or not at all) and reading it back on a restart, so that the laptops' sync URL,
the facilitator's link and the phones' device cookies keep working after the server restarts.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from cardengine.i18n import tr

# The join code is read off a projector and typed on a phone: no look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B).
CODE_LETTERS = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


class KeysError(Exception):
    """The sidecar exists but cannot be read or holds something else: said in one line, never overwritten."""


@dataclass(frozen=True)
class ServeKeys:
    join: str  # participants: the short code in the join URL (on the plenary's QR code)
    laptop: str  # laptops: the bearer token of /api/sync/*
    facilitator: str  # the facilitator: /f/<token>; never shown on the projector
    key: str  # signs device cookies and CSRF tokens (hex)

    @classmethod
    def new(cls) -> ServeKeys:
        return cls(join="".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH)),
                   laptop=secrets.token_urlsafe(24), facilitator=secrets.token_urlsafe(24),
                   key=secrets.token_hex(32))


def sidecar(workshop: Path, secrets_dir: Path | None = None) -> Path:
    """Where the keys of `workshop` live: beside it, or in `secrets_dir` under the same name."""
    name = workshop.name + ".serve.json"
    return (secrets_dir / name) if secrets_dir is not None else workshop.with_name(name)


def load_or_make(path: Path) -> ServeKeys:
    """The keys in `path`, or new ones written there (mode 0600) when it does not exist."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    keys = ServeKeys.new()
    data = json.dumps(asdict(keys), indent=2).encode()
    try:
        # O_EXCL: of two servers starting at once on one file, the second reads the first's keys.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    except OSError as exc:
        raise KeysError(tr("cannot write the server's key file {path} ({reason}); check that its folder is writable")
                        .format(path=path, reason=exc.strerror)) from None
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return keys


def _read(path: Path) -> ServeKeys:
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):  # someone loosened it: tighten, the secrets stay the same
            path.chmod(0o600)
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = ServeKeys(**{k: data[k] for k in ("join", "laptop", "facilitator", "key")})
    except FileNotFoundError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeysError(tr("{path} is not a readable server key file ({error}); move it away to make new keys")
                        .format(path=path, error=exc)) from None
    if not all(isinstance(v, str) and v for v in asdict(keys).values()):
        raise KeysError(tr("{path} is not a readable server key file ({error}); move it away to make new keys")
                        .format(path=path, error="empty value"))
    return keys
