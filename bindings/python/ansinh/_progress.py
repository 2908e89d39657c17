"""Progress display for long batches: tqdm when installed, else a line on stderr."""

import sys
import time


class _StderrBar:
    def __init__(self, total, desc):
        self.total, self.desc, self.n, self._last = total, desc, 0, 0.0

    def update(self, k):
        self.n += k
        now = time.monotonic()
        if now - self._last >= 0.5 or self.n >= self.total:
            self._last = now
            sys.stderr.write(f"\r{self.desc}: {self.n}/{self.total} households")
            sys.stderr.flush()

    def close(self):
        sys.stderr.write("\n")


class Progress:
    """Turns ``progress=`` (False, True or a callable(done, total)) into a
    callback(done) for the native batch runner; use as a context manager."""

    def __init__(self, progress, total, desc="ansinh"):
        self._bar = None
        self._user = None
        self.total = total
        if callable(progress):
            self._user = progress
        elif progress:
            try:
                from tqdm import tqdm
            except ImportError:
                self._bar = _StderrBar(total, desc)
            else:
                self._bar = tqdm(total=total, unit="household", desc=desc)

    @property
    def callback(self):
        if self._user is not None:
            return lambda done: self._user(done, self.total)
        if self._bar is not None:
            return self._advance
        return None

    def _advance(self, done):
        if done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.close()
        return False
