"""A ``welcomedly watch`` child process whose stdout and stderr lines are read as they arrive."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

from tests.conftest import TEST_PASSWORD


class WatchProcess:
    def __init__(self, env: dict[str, str], user: str, *args: str) -> None:
        env = dict(env, WELCOMEDLY_USER=user, WELCOMEDLY_PASSWORD=TEST_PASSWORD)
        self.proc = subprocess.Popen([sys.executable, "-m", "welcomedly_desktop", "watch", *args], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        self.err_lines: list[str] = []
        self._pumps = [threading.Thread(target=self._pump, args=(stream, q), daemon=True)
                       for stream, q in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))]
        for pump in self._pumps:
            pump.start()

    @staticmethod
    def _pump(stream, q) -> None:  # noqa: ANN001
        for line in stream:
            q.put(line.rstrip("\n"))

    def wait_stderr(self, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.err.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.err.empty():
                    break
                continue
            self.err_lines.append(line)
            if needle in line:
                return line
        raise AssertionError(f"no stderr line with {needle!r}; got {self.err_lines}")

    def events(self, count: int, timeout: float = 10.0) -> list[dict]:
        """The next ``count`` JSON events (fails if they do not all come within ``timeout``)."""
        found: list[dict] = []
        deadline = time.monotonic() + timeout
        while len(found) < count and time.monotonic() < deadline:
            try:
                found.append(json.loads(self.out.get(timeout=0.1)))
            except queue.Empty:
                continue
        assert len(found) == count, f"expected {count} events, got {found}"
        return found

    def quiet(self, seconds: float = 0.5) -> list[str]:
        """Lines printed within ``seconds`` (expected: none)."""
        time.sleep(seconds)
        lines = []
        while not self.out.empty():
            lines.append(self.out.get())
        return lines

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pump in self._pumps:  # the pipes close with the process: nothing is left running
            pump.join(10)
        return self.proc.returncode
