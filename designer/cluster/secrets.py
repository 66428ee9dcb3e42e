"""Tokens and session cookies: in the system keyring when one is usable, else in memory for
this session only (the person is asked again next time). Never in a file the designer
writes, never in a log: ``Secrets`` is the only holder.
"""
from __future__ import annotations

from typing import Any

SERVICE = "kfp-designer"


def _usable_keyring() -> Any | None:
    """The ``keyring`` module when it has a real backend (not the fail/null ones a headless
    Linux without a Secret Service falls back to), else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring setup is no keyring
        return None
    if isinstance(backend, fail.Keyring) or type(backend).__module__.endswith(".null"):
        return None
    if getattr(backend, "backends", None) == []:   # a chainer with nothing to chain
        return None
    return keyring


class Secrets:
    """``get``/``put``/``forget`` by endpoint name. ``keyring=False`` keeps everything in
    memory (tests, or a person who does not want secrets kept)."""

    def __init__(self, keyring: Any | None | bool = None):
        # Probed on first use: the keyring's import (with cryptography and D-Bus) costs
        # about 11 MB and 100 ms, which a window that never talks to a cluster need not pay.
        self._probed = keyring is not None
        self._backend: Any | None = None if keyring is None else (keyring or None)
        self._session: dict[str, str] = {}

    @property
    def _keyring(self) -> Any | None:
        if not self._probed:
            self._backend, self._probed = _usable_keyring(), True
        return self._backend

    @property
    def keyring_available(self) -> bool:
        return self._keyring is not None

    def get(self, name: str) -> str | None:
        if name in self._session:
            return self._session[name]
        if self._keyring is not None:
            try:
                value = self._keyring.get_password(SERVICE, name)
            except Exception:  # noqa: BLE001 - a locked or broken keyring: ask instead
                return None
            if value:
                self._session[name] = value
                return value
        return None

    def put(self, name: str, secret: str, remember: bool = True) -> bool:
        """Keeps ``secret`` for this session, and in the keyring when ``remember`` and one
        is usable; True when it went to the keyring."""
        self._session[name] = secret
        if remember and self._keyring is not None:
            try:
                self._keyring.set_password(SERVICE, name, secret)
                return True
            except Exception:  # noqa: BLE001
                return False
        return False

    def forget(self, name: str) -> None:
        self._session.pop(name, None)
        if self._keyring is not None:
            try:
                self._keyring.delete_password(SERVICE, name)
            except Exception:  # noqa: BLE001 - nothing stored
                pass

    def drop_session(self, name: str) -> None:
        """Forget the in-memory copy (after a 401, so the next try asks again)."""
        self._session.pop(name, None)
