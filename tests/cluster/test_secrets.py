"""``Secrets`` looks for the system keyring only when a secret is asked for or kept: its
import (cryptography, D-Bus) is ~11 MB and ~90 ms a window that never talks to a cluster
need not pay."""
from __future__ import annotations

from designer.cluster import secrets as secrets_module
from designer.cluster.secrets import Secrets


def test_the_keyring_is_probed_on_first_use_only(monkeypatch, memory_keyring):
    probes: list[int] = []
    real = secrets_module._usable_keyring
    monkeypatch.setattr(secrets_module, "_usable_keyring", lambda: probes.append(1) or real())
    s = Secrets()
    assert probes == []
    assert s.put("lab", "tok") is True          # the memory keyring is a real backend
    assert probes == [1]
    assert s.get("lab") == "tok" and s.keyring_available
    assert probes == [1]
    assert memory_keyring.store[("kfp-designer", "lab")] == "tok"


def test_no_keyring_means_session_only(monkeypatch):
    monkeypatch.setattr(secrets_module, "_usable_keyring", lambda: None)
    s = Secrets()
    assert s.put("lab", "tok") is False and not s.keyring_available
    assert s.get("lab") == "tok"
    s.drop_session("lab")
    assert s.get("lab") is None

