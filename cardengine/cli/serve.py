"""`cardengine serve W.db [--host H] [--port P]`: the plenary server on the workshop's own network.

Opens the workshop and its keys first (a bad file, an unreadable key file or a port in use: one line on stderr,
exit 2), binds the port itself (so "in use" is known before anything is printed), prints the four addresses
(plenary, participants' join link, laptops' sync URL, facilitator's page) and runs uvicorn on that socket until
Ctrl-C. With --host 0.0.0.0 the addresses use this machine's address on the local network.
"""

from __future__ import annotations

import argparse
import errno
import re
import socket
import sys
from pathlib import Path

from cardengine.cli.common import EXIT_OK, usage_error
from cardengine.i18n import tr

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def lan_address() -> str:
    """This machine's address on its local network (the interface a packet to another host would leave by; no
    packet is sent), or 127.0.0.1 when it has none."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
    return str(address)


def public_url(text: str) -> tuple[str, str]:
    """(the address as the pages print it, "") for a --url the phones can open, or ("", why not)."""
    from urllib.parse import urlsplit

    not_an_address = tr("--url takes the address phones open, such as http://192.168.1.20:8000 or "
                        "http://plenaria.local:8000, not {url}").format(url=text)
    try:
        parts = urlsplit(text.strip())
        port = parts.port  # raises on a port that is not a number from 0 to 65535
    except ValueError:
        return "", not_an_address
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "", not_an_address
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        return "", tr("--url is the server's address only (scheme, host and port), not {url}: the pages add their "
                      "own paths").format(url=text)
    host = _host(parts.hostname)
    if host is None:
        return "", not_an_address
    return f"{parts.scheme}://{host}{f':{port}' if port is not None else ''}", ""


_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")


def _host(name: str) -> str | None:
    """The host as a URL writes it (an IPv6 address in brackets, a name with accents in its ASCII form), or None
    when it is neither an address nor a host name (spaces, quotes, markup)."""
    import ipaddress

    try:
        address = ipaddress.ip_address(name)
        return f"[{address}]" if address.version == 6 else str(address)
    except ValueError:
        pass
    try:
        ascii_name = name.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = ascii_name.rstrip(".").split(".")
    return ascii_name if len(ascii_name) <= 253 and all(_LABEL.fullmatch(label) for label in labels) else None


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it: without, a keep-alive client's second request waits ~40 ms for a
        # delayed ACK (Nagle), longer than a vote takes.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(512)
    except BaseException:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    from cardengine.serve.keys import KeysError
    from cardengine.sessions import StoreError

    host = args.host or DEFAULT_HOST
    if args.url is not None:
        url, problem = public_url(args.url)
        if problem:
            return usage_error(problem)
        args.url = url
    if not 0 <= args.port <= 65535:
        return usage_error(tr("--port takes a number from 1 to 65535, not {port}").format(port=args.port))
    try:
        sock = bind(host, args.port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return usage_error(tr("port {port} on {host} is in use (another server is running there): stop it, or "
                                  "choose another port with --port").format(port=args.port, host=host))
        return usage_error(tr("cannot listen on {host} port {port} ({reason}): check --host and --port").format(
            host=host, port=args.port, reason=exc.strerror or exc))
    try:
        port = sock.getsockname()[1]
        shown = lan_address() if host in ("0.0.0.0", "::", "") else host
        base = args.url or f"http://{f'[{shown}]' if ':' in shown else shown}:{port}"
        try:
            from cardengine.serve import make_server

            app = make_server(args.workshop, public_url=base, own_process=True)
        except (StoreError, KeysError) as exc:
            return usage_error(str(exc))
        keys = app.state.server.keys
        print(tr("plenary (projector):  {url}").format(url=f"{base}/plenary"))
        print(tr("join (participants):  {url}").format(url=f"{base}/j/{keys.join}"))
        print(tr("laptop sync URL:      {url}").format(url=f"{base}/sync/{keys.laptop}"))
        print(tr("facilitator (secret): {url}").format(url=f"{base}/f/{keys.facilitator}"))
        sys.stdout.flush()
        import uvicorn

        config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, lifespan="on")
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help=tr("the plenary server: live screen, phones' polls, laptops' sync"))
    p.add_argument("workshop", type=Path, metavar="WORKSHOP.db")
    p.add_argument("--host", help=tr("address to listen on (default {host}; 0.0.0.0: every network of this machine, "
                                     "for phones and laptops on the room's Wi-Fi)").format(host=DEFAULT_HOST))
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=tr("port to listen on (default {port}; 0: any free port)").format(port=DEFAULT_PORT))
    p.add_argument("--url", help=tr("the address phones and laptops open to reach this server, printed and put in the "
                                    "QR code (default: this machine's address and the port), for a name such as "
                                    "http://plenaria.local:8000 or a router that forwards a port"))
    p.set_defaults(func=cmd_serve)
