"""Contract-server fixtures: a fresh loopback KFP stand-in per test, checked after it."""
from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from .contract_server import Auth, KfpContractServer


@pytest.fixture
def isolated_config(tmp_path, monkeypatch):
    """Endpoints, caches and settings under tmp_path, so nothing touches the user's."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("KFP_DESIGNER_CONFIG", str(home / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("KFP_DESIGNER_SECRET", raising=False)
    return home


@pytest.fixture
def kfp_server_factory():
    servers = []

    def make(generation: str = "v2beta1", auth: Auth | None = None, **kw):
        s = KfpContractServer(generation, auth, **kw).start()
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.stop()
    for s in servers:
        s.check()


@pytest.fixture
def kfp_server(kfp_server_factory):
    return kfp_server_factory("v2beta1")


@pytest.fixture
def kfp1_server(kfp_server_factory):
    return kfp_server_factory("v1beta1")


class MemoryKeyring(KeyringBackend):
    """A keyring in memory (the system one is not touched by tests)."""
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring():
    """Every cluster test gets an empty keyring in memory: the user's is never touched."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)
