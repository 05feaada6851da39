"""Where the preview listens: ``HOST:PORT`` parsed, and checked free before anything starts."""

from __future__ import annotations

import errno
import socket
from dataclasses import dataclass

from .failure import BriefingError

WILDCARDS = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


class AddressError(BriefingError):
    """The preview cannot listen where it was asked to."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def with_port(self, port: int) -> Address:
        return Address(self.host, port)

    def local(self) -> tuple[str, int]:
        """Where this machine reaches the server (a wildcard host means any interface)."""
        return WILDCARDS.get(self.host, self.host), self.port

    def url(self) -> str:
        host, port = self.local()
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def parse_address(text: str) -> Address:
    host, colon, port = text.strip().rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError(
            f"{text!r} is not an address; give HOST:PORT, e.g. --dev-addr 127.0.0.1:8000"
        )
    return Address(host, int(port))


def bind_error(address: Address) -> OSError | None:
    """Why a server could not listen at ``address`` now (None: it could). Like the engines'
    servers, this sets SO_REUSEADDR, so only a listening socket makes the port busy."""
    try:
        family, kind, proto, _, where = socket.getaddrinfo(
            address.host, address.port, type=socket.SOCK_STREAM
        )[0]
    except socket.gaierror as error:
        return OSError(errno.EADDRNOTAVAIL, f"unknown host {address.host!r} ({error.strerror})")
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(where)
            sock.listen()
        except OSError as error:
            return error
    return None


def check_free(address: Address) -> None:
    """Raise AddressError, saying what to do, unless a server can listen at ``address``."""
    error = bind_error(address)
    if error is None:
        return
    if error.errno == errno.EADDRINUSE:
        free = next(
            (
                address.with_port(port)
                for port in range(address.port + 1, min(address.port + 50, 65536))
                if bind_error(address.with_port(port)) is None
            ),
            address.with_port(address.port + 1),
        )
        raise AddressError(
            f"{address} is already in use (another preview?); "
            f"use --dev-addr {free} (make serve ADDR={free})"
        )
    raise AddressError(
        f"cannot listen on {address}: {error.strerror or error}; "
        "use --dev-addr 127.0.0.1:8000, or 0.0.0.0:8000 for other devices on your network"
    )


def answers(address: Address, timeout: float = 0.5) -> bool:
    """Whether a server accepts connections at ``address``."""
    try:
        with socket.create_connection(address.local(), timeout=timeout):
            return True
    except OSError:
        return False
