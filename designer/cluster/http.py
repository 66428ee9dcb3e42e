"""One connection to an endpoint: HTTP requests with its auth and TLS settings, and every
failure turned into a sentence that says what failed (DNS, refused, TLS, 401/403, ...).

Redirects are not followed: a KFP API answers directly, and a redirect is a login page in
front of it (Dex, oauth2-proxy), which says more than the HTML page it leads to.
"""
from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .auth import AskSecret, Credentials, credentials
from .endpoints import Endpoint
from .errors import ClusterError, Failure, require_http
from .secrets import Secrets

DEFAULT_TIMEOUT = 30.0
_LOGIN_HINTS = ("dex", "oauth2", "/auth", "login", "signin", "oidc")
# Kubeflow 1.9+ signs in through oauth2-proxy, whose cookie its manifests name so (the
# oidc-authservice of older installs: ``authservice_session``, the endpoints' default).
OAUTH2_PROXY_COOKIE = "oauth2_proxy_kubeflow"
# What Envoy answers when an Istio AuthorizationPolicy denies a request (Kubeflow puts one in
# front of KFP): the request never reached KFP.
ISTIO_DENIED = "RBAC: access denied"


class Connection:
    def __init__(self, endpoint: Endpoint, secrets: Secrets | None = None,
                 ask: AskSecret | None = None, timeout: float = DEFAULT_TIMEOUT):
        requests = require_http()
        endpoint.check()
        self.endpoint = endpoint
        self.secrets = secrets or Secrets(keyring=False)
        self.ask = ask
        self.timeout = timeout
        self._requests = requests
        self._tokens: dict[str, str] = {}     # tokens printed by the token command
        self._credentials: Credentials | None = None
        self.session = requests.Session()
        # Given with every request: requests lets REQUESTS_CA_BUNDLE override a session's.
        self.verify = (str(Path(endpoint.ca_file).expanduser()) if endpoint.ca_file
                       else endpoint.verify_tls)
        if not endpoint.verify_tls and not endpoint.ca_file:
            import urllib3
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

    def close(self) -> None:
        self.session.close()

    # --- requests -----------------------------------------------------------------------

    def credentials(self) -> Credentials:
        if self._credentials is None:
            self._credentials = credentials(self.endpoint, self.secrets, self.ask, self._tokens)
        return self._credentials

    def request(self, method: str, path: str, *, params: dict | None = None,
                body: Any = None, files: dict | None = None, text: bool = False,
                ui: bool = False) -> Any:
        """The JSON answer (``{}`` for an empty one), or the text with ``text=True``;
        ``ui``: a route of the KFP UI's server, sent to the endpoint's UI URL when it has one."""
        base = (self.endpoint.ui_url.rstrip("/") if ui and self.endpoint.ui_url
                else self.endpoint.base_url)
        response = self._send(method, path, params, body, files, base)
        if response.status_code == 401 and self.endpoint.auth == "command":
            self._tokens.clear()      # an expired token: run the command once more
            self._credentials = None
            response = self._send(method, path, params, body, files, base)
        if response.status_code >= 300:
            raise self._http_error(method, path, response)
        if text:
            return response.text
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError:
            kind = response.headers.get("Content-Type", "?").split(";")[0]
            raise ClusterError(Failure.NOT_KFP, f"{method} {self._url(path)} answered with "
                               f"{kind}, not JSON: this URL is not a Kubeflow Pipelines API "
                               "(give the address of the API server or of the KFP UI)")

    def ui_base(self) -> str:
        """Where the KFP UI's own server answers: the UI URL when the endpoint has one."""
        return (self.endpoint.ui_url.rstrip("/") if self.endpoint.ui_url
                else self.endpoint.base_url)

    def post_bytes(self, base: str, path: str, data: bytes, headers: dict[str, str]
                   ) -> tuple[int, Any, bytes]:
        """A POST of raw bytes (grpc-web) to ``base + path``, with the endpoint's credentials
        and TLS settings: (status, headers, body) of a 2xx answer; the failures (HTTP status,
        auth, network) as ``request`` words them."""
        response = self._send("POST", path, None, None, None, base, raw=data, headers=headers)
        if response.status_code == 401 and self.endpoint.auth == "command":
            self._tokens.clear()
            self._credentials = None
            response = self._send("POST", path, None, None, None, base, raw=data,
                                  headers=headers)
        if response.status_code >= 300:
            raise self._http_error("POST", path, response)
        return response.status_code, response.headers, response.content

    def _url(self, path: str) -> str:
        return self.endpoint.base_url + path

    def _send(self, method: str, path: str, params, body, files, base: str = "", *,
              raw: bytes | None = None, headers: dict[str, str] | None = None):
        creds = self.credentials()
        r = self._requests
        kwargs: dict[str, Any] = {"params": params, "headers": dict(creds.headers),
                                  "cookies": dict(creds.cookies), "timeout": self.timeout,
                                  "allow_redirects": False, "verify": self.verify}
        kwargs["headers"].update(headers or {})
        if files is not None:
            kwargs["files"] = files
        elif raw is not None:
            kwargs["data"] = raw
        elif body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["headers"]["Content-Type"] = "application/json"
        kwargs["headers"].setdefault("Accept", "application/json")
        try:
            return self.session.request(method, (base or self.endpoint.base_url) + path,
                                        **kwargs)
        except r.exceptions.SSLError as e:
            raise ClusterError(Failure.TLS, self._tls_message(e)) from None
        except r.exceptions.Timeout:
            raise ClusterError(Failure.TIMEOUT, f"no answer from {self.endpoint.base_url} "
                               f"within {self.timeout:g} s") from None
        except r.exceptions.ConnectionError as e:
            raise self._connection_error(e) from None
        except r.exceptions.RequestException as e:
            raise ClusterError(Failure.CONNECTION, f"{method} {self._url(path)} failed: "
                               f"{type(e).__name__}") from None

    # --- failures -----------------------------------------------------------------------

    def _where(self) -> tuple[str, int]:
        parts = urlsplit(self.endpoint.url)
        return parts.hostname or "?", parts.port or (443 if parts.scheme == "https" else 80)

    def _connection_error(self, e: Exception) -> ClusterError:
        host, port = self._where()
        chain = _causes(e)
        text = " ".join(str(c) for c in chain)
        import socket
        if any(isinstance(c, socket.gaierror) for c in chain) or any(
                s in text for s in ("Name or service not known", "nodename nor servname",
                                    "getaddrinfo failed", "Failed to resolve",
                                    "Temporary failure in name resolution")):
            return ClusterError(Failure.DNS, f"the host name {host!r} does not resolve (DNS): "
                                "check the URL, or your VPN / port-forward")
        if any(isinstance(c, ConnectionRefusedError) for c in chain) or any(
                getattr(c, "errno", None) == errno.ECONNREFUSED for c in chain) or \
                "Connection refused" in text:
            return ClusterError(Failure.REFUSED, f"connection refused by {host}:{port}: nothing "
                                "listens there (is the port-forward or the cluster running?)")
        return ClusterError(Failure.CONNECTION, f"cannot connect to {host}:{port}: "
                            f"{_last_words(chain)}")

    def _tls_message(self, e: Exception) -> str:
        host, port = self._where()
        reason = _last_words(_causes(e))
        hint = ("the CA file does not vouch for it" if self.endpoint.ca_file else
                "give the cluster's CA file (or, for a throw-away test cluster only, turn TLS "
                "verification off)")
        return f"TLS verification of {host}:{port} failed ({reason}): {hint}"

    def _http_error(self, method: str, path: str, response) -> ClusterError:
        error = self._http_failure(method, path, response)
        error.server_said = _server_message(response)
        return error

    def _http_failure(self, method: str, path: str, response) -> ClusterError:
        status = response.status_code
        said = _server_message(response)
        where = f"{method} {path}"
        e = self.endpoint
        if 300 <= status < 400:
            location = response.headers.get("Location", "")
            if any(h in location.lower() for h in _LOGIN_HINTS):
                oauth2 = "/oauth2/" in location
                if e.auth == "cookie":
                    msg = (f"the session cookie {e.cookie_name} was refused or has expired "
                           f"(redirected to the login page {_short(location)}): sign in in a "
                           "browser and copy a fresh one")
                    if oauth2 and e.cookie_name != OAUTH2_PROXY_COOKIE:
                        msg += (f"; this install signs in through oauth2-proxy, whose cookie "
                                f"Kubeflow names {OAUTH2_PROXY_COOKIE}")
                else:
                    msg = (f"redirected to a login page ({_short(location)}): this install "
                           "signs in through Dex/OIDC; use auth `session cookie`")
                return ClusterError(Failure.UNAUTHORIZED, msg, status=status)
            return ClusterError(Failure.NOT_KFP, f"{where} was redirected to {_short(location)}"
                                ": this URL is not a Kubeflow Pipelines API", status=status)
        if status == 401:
            creds = self._credentials.describe() if self._credentials else "no credentials"
            hint = {"none": "this endpoint needs credentials: choose a bearer token, a token "
                            "command or a session cookie",
                    "bearer": "the bearer token was refused (wrong or expired?)",
                    "command": f"the token printed by `{e.command}` was refused",
                    "cookie": f"the session cookie {e.cookie_name} was refused (expired?)",
                    }.get(e.auth, "")
            return ClusterError(Failure.UNAUTHORIZED, f"401 Unauthorized ({where}, sent "
                                f"{creds}): {hint}" + (f". The server said: {said}" if said
                                                        else ""), status=status)
        if status == 403 and said.startswith(ISTIO_DENIED):
            creds = self._credentials.describe() if self._credentials else "no credentials"
            return ClusterError(Failure.FORBIDDEN, f"403 Forbidden ({where}, sent {creds}): "
                                f"refused by the cluster's Istio authorization policy "
                                f"(`{ISTIO_DENIED}`) before Kubeflow Pipelines saw it: the "
                                "request carries no identity the cluster accepts (sign in and "
                                "use the session cookie, or a token the cluster trusts)",
                                status=status)
        if status == 403:
            scope = f" in namespace {e.namespace!r}" if e.namespace else ""
            return ClusterError(Failure.FORBIDDEN, f"403 Forbidden ({where}): the credentials "
                                f"are valid but may not do this{scope}"
                                + (f". The server said: {said}" if said else ""), status=status)
        if status == 404:
            return ClusterError(Failure.NOT_FOUND, f"404 Not Found ({where})"
                                + (f": {said}" if said else ""), status=status)
        return ClusterError(Failure.REQUEST, f"{status} {response.reason or ''} ({where})"
                            .replace("  ", " ") + (f": {said}" if said else ""), status=status)


def _causes(e: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    stack: list[BaseException] = [e]
    while stack:
        c = stack.pop()
        if c is None or any(c is s for s in seen):
            continue
        seen.append(c)
        stack.extend([c.__cause__, c.__context__])
        stack.extend(a for a in getattr(c, "args", ()) if isinstance(a, BaseException))
        reason = getattr(c, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
    return seen


def _last_words(chain: list[BaseException]) -> str:
    """The innermost readable reason (an ssl or socket error's text)."""
    for c in reversed(chain):
        text = str(c).strip()
        if text:
            return text[:300]
    return type(chain[0]).__name__ if chain else "unknown error"


def _server_message(response) -> str:
    try:
        doc = response.json()
    except ValueError:
        text = response.text.strip()
        if text.startswith("<"):
            return ""
        return text.splitlines()[0][:300] if text else ""
    if isinstance(doc, dict):
        for key in ("message", "error"):
            if isinstance(doc.get(key), str) and doc[key]:
                return doc[key][:500]
    return ""


def _short(url: str) -> str:
    return url.split("?")[0][:120]
