"""Progress display for long steps (model build, indexing, eval) on stderr."""

from __future__ import annotations

import sys

from tqdm import tqdm


class StageProgress:
    """A `progress(stage, done, total)` callback that shows one tqdm bar per stage."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr is not None
        self._bar: tqdm | None = None
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self._stage or self._bar is None:
            self.close()
            if done >= total:  # a stage already complete (a model built earlier) is nothing to watch
                return
            self._stage = stage
            # A stage first heard of part-way (after its first batch) starts there, so the rate
            # counts only work timed by the bar instead of dividing a batch by a few microseconds.
            self._bar = tqdm(
                total=total, initial=done, desc=stage, unit="", file=sys.stderr, leave=True, dynamic_ncols=True
            )
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self._stage = ""
