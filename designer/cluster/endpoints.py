"""Named Kubeflow Pipelines endpoints, shared by the CLI and the GUI.

    ~/.config/kfp-designer/endpoints.json      (KFP_DESIGNER_CONFIG or XDG_CONFIG_HOME move it)

The file holds what is not secret: URL, namespace, the kind of auth, the token command, TLS
settings and the API generation last detected. Tokens and cookies never go here
(``secrets.py``); ``Endpoint`` has no field for them, so they cannot be written by mistake.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from designer.persist import atomic_write_text

from .errors import ClusterError, Failure

FORMAT_VERSION = 1
AUTH_KINDS = ("none", "bearer", "command", "cookie")
API_VERSIONS = ("v2beta1", "v1beta1")
DEFAULT_COOKIE = "authservice_session"   # Kubeflow's oidc-authservice (Dex installs)
_NAME = re.compile(r"^[A-Za-z0-9][-A-Za-z0-9_.]{0,62}$")


@dataclass
class Endpoint:
    name: str
    url: str                          # the API server, or the KFP UI that proxies /apis
    namespace: str = ""               # "" : single-user installs (no namespace)
    auth: str = "none"                # one of AUTH_KINDS
    command: str = ""                 # auth == "command": prints a token on stdout
    cookie_name: str = DEFAULT_COOKIE  # auth == "cookie"
    verify_tls: bool = True
    ca_file: str = ""                 # a CA bundle for a private certificate authority
    api_version: str = ""             # detected by Test connection: "v2beta1" | "v1beta1"
    ui_url: str = ""                  # the KFP UI for run links; default: url

    @property
    def base_url(self) -> str:
        return self.url.rstrip("/")

    @property
    def needs_secret(self) -> bool:
        return self.auth in ("bearer", "cookie")

    def run_link(self, run_id: str) -> str:
        return f"{(self.ui_url or self.url).rstrip('/')}/#/runs/details/{run_id}"

    def problems(self) -> list[str]:
        """What is wrong with this definition, one sentence each (empty: usable)."""
        out = []
        if not _NAME.match(self.name):
            out.append(f"the name {self.name!r} must be 1-63 letters, digits, '-', '_' or '.'")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            out.append(f"the URL {self.url!r} must start with http:// or https:// and name "
                       "a host")
        if self.auth not in AUTH_KINDS:
            out.append(f"auth must be one of {', '.join(AUTH_KINDS)}, not {self.auth!r}")
        if self.auth == "command" and not self.command.strip():
            out.append("auth `command` needs the command that prints a token")
        if self.auth == "cookie" and not self.cookie_name.strip():
            out.append("auth `cookie` needs the cookie's name")
        if self.ca_file and not Path(self.ca_file).expanduser().is_file():
            out.append(f"the CA file {self.ca_file} does not exist")
        if self.api_version and self.api_version not in API_VERSIONS:
            out.append(f"the API version must be one of {', '.join(API_VERSIONS)}")
        return out

    def check(self) -> None:
        problems = self.problems()
        if problems:
            raise ClusterError(Failure.CONFIG, f"endpoint {self.name!r}: " + "; ".join(problems))


def config_dir() -> Path:
    env = os.environ.get("KFP_DESIGNER_CONFIG", "").strip()
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME", "").strip()
    return (Path(xdg).expanduser() if xdg else Path.home() / ".config") / "kfp-designer"


class EndpointStore:
    """The endpoints file: read on each ``load`` (another window or the CLI may have
    changed it), written whole through a temp file."""

    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / "endpoints.json"

    def load(self) -> list[Endpoint]:
        if not self.path.exists():
            return []
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ClusterError(Failure.CONFIG, f"{self.path}: cannot read the endpoints: {e}")
        if not isinstance(doc, dict) or not isinstance(doc.get("endpoints"), list):
            raise ClusterError(Failure.CONFIG, f"{self.path}: not an endpoints file")
        if int(doc.get("version", 0)) > FORMAT_VERSION:
            raise ClusterError(Failure.CONFIG, f"{self.path}: written by a newer designer "
                               f"(format {doc['version']}); this one reads {FORMAT_VERSION}")
        known = {f.name for f in fields(Endpoint)}
        out = []
        for i, item in enumerate(doc["endpoints"], 1):
            if not isinstance(item, dict) or "name" not in item or "url" not in item:
                raise ClusterError(Failure.CONFIG, f"{self.path}: endpoint {i} needs a name "
                                   "and a url")
            out.append(Endpoint(**{k: v for k, v in item.items() if k in known}))
        return out

    def save(self, endpoints: list[Endpoint]) -> None:
        names = [e.name for e in endpoints]
        if len(set(names)) != len(names):
            raise ClusterError(Failure.CONFIG, "two endpoints have the same name")
        for e in endpoints:
            e.check()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"version": FORMAT_VERSION, "endpoints": [asdict(e) for e in endpoints]}
        atomic_write_text(self.path, json.dumps(doc, indent=2) + "\n")

    def get(self, name: str) -> Endpoint:
        endpoints = self.load()
        for e in endpoints:
            if e.name == name:
                return e
        known = ", ".join(e.name for e in endpoints) or "none yet"
        raise ClusterError(Failure.CONFIG, f"no endpoint named {name!r} (known: {known}); "
                           "add one with `kfp-designer endpoints add NAME URL`")

    def put(self, endpoint: Endpoint) -> None:
        """Adds ``endpoint`` or replaces the one of the same name."""
        endpoints = [e for e in self.load() if e.name != endpoint.name]
        endpoints.append(endpoint)
        self.save(endpoints)

    def remove(self, name: str) -> bool:
        endpoints = self.load()
        kept = [e for e in endpoints if e.name != name]
        if len(kept) != len(endpoints):
            self.save(kept)
        return len(kept) != len(endpoints)
