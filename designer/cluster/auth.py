"""What a request to an endpoint carries: nothing, a bearer token (given, or printed by a
command such as ``gcloud auth print-access-token``), or a session cookie (Dex/OIDC installs
behind Kubeflow's authservice or oauth2-proxy)."""
from __future__ import annotations

import shlex
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field

from .endpoints import Endpoint
from .errors import ClusterError, Failure
from .secrets import Secrets

# Asked when a secret is needed and none is kept: (endpoint, what) -> the secret or None.
AskSecret = Callable[[Endpoint, str], "str | None"]
COMMAND_TIMEOUT = 60.0


@dataclass
class Credentials:
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        if "Authorization" in self.headers:
            return "a bearer token"
        if self.cookies:
            return f"the session cookie {next(iter(self.cookies))}"
        return "no credentials"


def secret_label(endpoint: Endpoint) -> str:
    return "session cookie" if endpoint.auth == "cookie" else "bearer token"


def credentials(endpoint: Endpoint, secrets: Secrets, ask: AskSecret | None = None,
                token_cache: dict[str, str] | None = None) -> Credentials:
    """The credentials of ``endpoint``; asks (``ask``) for a secret that is not kept."""
    if endpoint.auth == "none":
        return Credentials()
    if endpoint.auth == "command":
        cache = token_cache if token_cache is not None else {}
        token = cache.get(endpoint.name) or run_token_command(endpoint.command)
        cache[endpoint.name] = token
        return Credentials(headers={"Authorization": f"Bearer {token}"})
    secret = secrets.get(endpoint.name)
    if not secret and ask is not None:
        secret = ask(endpoint, secret_label(endpoint))
    if not secret:
        how = ("store one with `kfp-designer endpoints secret "
               f"{endpoint.name}`" if secrets.keyring_available else
               "no system keyring is usable here, so it is asked each session")
        raise ClusterError(Failure.NO_SECRET, f"endpoint {endpoint.name!r} needs a "
                           f"{secret_label(endpoint)} and none was given ({how})")
    if endpoint.auth == "cookie":
        return Credentials(cookies={endpoint.cookie_name: secret})
    return Credentials(headers={"Authorization": f"Bearer {secret}"})


def run_token_command(command: str) -> str:
    """The token ``command`` prints (its first non-empty stdout line); never through a shell."""
    try:
        argv = shlex.split(command)
    except ValueError as e:
        raise ClusterError(Failure.AUTH_COMMAND, f"the token command `{command}` cannot be "
                           f"read: {e}") from None
    if not argv:
        raise ClusterError(Failure.AUTH_COMMAND, "the token command is empty")
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=COMMAND_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise ClusterError(Failure.AUTH_COMMAND, f"the token command `{argv[0]}` was not "
                           "found (is it installed and on PATH?)") from None
    except subprocess.TimeoutExpired:
        raise ClusterError(Failure.AUTH_COMMAND, f"the token command `{command}` did not "
                           f"finish within {COMMAND_TIMEOUT:.0f} s") from None
    except OSError as e:
        raise ClusterError(Failure.AUTH_COMMAND, f"the token command `{command}` could not "
                           f"start: {e.strerror or e}") from None
    if done.returncode != 0:
        err = next((ln for ln in done.stderr.splitlines() if ln.strip()), "").strip()
        raise ClusterError(Failure.AUTH_COMMAND, f"the token command `{command}` failed "
                           f"(exit {done.returncode})" + (f": {err[:300]}" if err else ""))
    token = next((ln.strip() for ln in done.stdout.splitlines() if ln.strip()), "")
    if not token:
        raise ClusterError(Failure.AUTH_COMMAND, f"the token command `{command}` printed "
                           "no token")
    return token
