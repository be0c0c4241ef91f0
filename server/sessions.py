"""Conversations kept between requests, bounded in number, idle age and length."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from rag.conversation import Turn


@dataclass
class _Session:
    turns: list[Turn] = field(default_factory=list)
    last_used: float = 0.0


class SessionStore:
    """Thread-safe map of session id → earlier turns.

    At most `max_sessions` conversations are kept (the least recently used is
    dropped first), a conversation idle for `ttl` seconds is forgotten, and
    only the last `max_turns` turns of each are kept.
    """

    def __init__(
        self,
        max_sessions: int = 1000,
        ttl: float = 3600.0,
        max_turns: int = 20,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_sessions <= 0 or ttl <= 0 or max_turns <= 0:
            raise ValueError("session limits must be positive")
        self.max_sessions = max_sessions
        self.ttl = ttl
        self.max_turns = max_turns
        self._clock = clock
        self._sessions: OrderedDict[str, _Session] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            self._expire(self._clock())
            return len(self._sessions)

    def open(self, session_id: str | None) -> tuple[str, list[Turn]]:
        """The id and a copy of the history of a live session, or a new empty session.

        An unknown or expired id starts a new conversation under a fresh id.
        """
        with self._lock:
            now = self._clock()
            self._expire(now)
            session = self._sessions.get(session_id) if session_id else None
            if session is None:
                session_id = secrets.token_urlsafe(16)
                session = self._sessions[session_id] = _Session()
                self._evict()
            session.last_used = now
            self._sessions.move_to_end(session_id)
            return session_id, list(session.turns)

    def append(self, session_id: str, turn: Turn) -> None:
        """Record a turn; a session that expired meanwhile is started again."""
        with self._lock:
            now = self._clock()
            session = self._sessions.get(session_id)
            if session is None:
                session = self._sessions[session_id] = _Session()
            session.turns.append(turn)
            del session.turns[: -self.max_turns]
            session.last_used = now
            self._sessions.move_to_end(session_id)
            self._evict()

    def _expire(self, now: float) -> None:
        # Sessions are ordered by last use, so the stale ones are at the front.
        while self._sessions:
            oldest_id, oldest = next(iter(self._sessions.items()))
            if now - oldest.last_used < self.ttl:
                break
            del self._sessions[oldest_id]

    def _evict(self) -> None:
        while len(self._sessions) > self.max_sessions:
            self._sessions.popitem(last=False)
