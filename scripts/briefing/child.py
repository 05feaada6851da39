"""The engine's development server as a child process in a process group of its own.

Its output is forwarded, but held back until it serves, so a server that fails to start is
reported in one line instead of its traceback. ``stop`` ends the whole group: nothing it
started keeps listening. On Linux the child also gets SIGTERM if this process dies first.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from .addresses import Address, answers
from .engines import clean_output, is_progress
from .failure import BriefingError

PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


class ServerError(BriefingError):
    """The engine's server did not start, or stopped on its own."""


def _die_with_parent() -> None:
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Rebuilds:
    """Follows the server's output: has it rebuilt since ``expect()``? (Its messages for the
    start and end of a rebuild are the engine's ``rebuild_messages``.)"""

    def __init__(self, messages: tuple[str, tuple[str, ...]] | None) -> None:
        self.messages = messages
        self.started = False
        self.done = threading.Event()

    def expect(self) -> None:
        """A change is about to be written: wait for the rebuild that follows it."""
        self.started = False
        self.done.clear()

    def saw(self, line: str) -> None:
        if self.messages is None:
            return
        start, ends = self.messages
        if start in line:
            self.started = True
        if self.started and any(end in line for end in ends):
            self.done.set()

    def wait(self, timeout: float) -> None:
        if self.messages is not None:
            self.done.wait(timeout)


class Child:
    def __init__(
        self,
        command: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        name: str,
        rebuild_messages: tuple[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.name = name
        self.rebuilds = Rebuilds(rebuild_messages)
        self._tail: deque[str] = deque(maxlen=40)
        self._held: list[str] | None = []  # output held back until the server answers
        self._lock = threading.Lock()
        preexec: Callable[[], None] | None = _die_with_parent if _LIBC is not None else None
        self.process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            bufsize=1,
            process_group=0,
            preexec_fn=preexec,
        )
        self._reader = threading.Thread(target=self._forward, daemon=True)
        self._reader.start()

    def _forward(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.rebuilds.saw(line)
            if is_progress(line):
                continue
            with self._lock:
                self._tail.append(line.rstrip("\n"))
                if self._held is not None:
                    self._held.append(line)
                    continue
            sys.stdout.write(line)
            sys.stdout.flush()

    def _release(self) -> None:
        with self._lock:
            held, self._held = self._held or [], None
        sys.stdout.writelines(held)
        sys.stdout.flush()

    def running(self) -> bool:
        return self.process.poll() is None

    def reason(self) -> str:
        """How it ended: its exit status and the last thing it said."""
        self._reader.join(timeout=2)
        with self._lock:
            said = clean_output("\n".join(self._tail)).splitlines()
        # MkDocs logs the cause as "ERROR - ..." before a generic "Aborted ..." line.
        errors = [line.split("-", 1)[-1] for line in said if line.startswith("ERROR")]
        last = (errors or said or ["no message"])[-1].strip()
        return f"exit status {self.process.returncode}: {last}"

    def wait_until_listening(self, address: Address) -> None:
        """Return once the server answers at ``address``; ServerError if it dies first."""
        while not answers(address):
            if not self.running():
                raise ServerError(
                    f"{self.name} serve stopped before serving ({self.reason()}); fix that, or "
                    f"run `briefing build --engine {self.name}` for the whole message"
                )
            time.sleep(0.1)
        self._release()

    def _signal_group(self, sig: signal.Signals) -> bool:
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            return False
        return True

    def stop(self) -> None:
        """Stop the server and everything in its process group; wait for it."""
        for sig, patience in ((signal.SIGINT, 5.0), (signal.SIGTERM, 3.0), (signal.SIGKILL, 5.0)):
            if self.process.poll() is not None or not self._signal_group(sig):
                break
            try:
                self.process.wait(timeout=patience)
                break
            except subprocess.TimeoutExpired:
                continue
        self._signal_group(signal.SIGKILL)  # anything of the group the server left behind
        self._reader.join(timeout=2)
