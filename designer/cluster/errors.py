"""What goes wrong when talking to a cluster, each kind with its own precise message."""
from __future__ import annotations

from enum import Enum

INSTALL_HINT = "pip install 'kfp-pipeline-designer[kubeflow]'"


class Failure(str, Enum):
    MISSING_EXTRA = "missing-extra"    # requests is not installed
    DNS = "dns"                        # the host name does not resolve
    REFUSED = "refused"                # nothing listens at host:port
    TLS = "tls"                        # certificate verification failed
    TIMEOUT = "timeout"
    CONNECTION = "connection"          # any other network failure
    UNAUTHORIZED = "unauthorized"      # 401, or a redirect to a login page
    FORBIDDEN = "forbidden"            # 403
    NOT_KFP = "not-kfp"                # answers, but not as a KFP API server
    API_VERSION = "api-version"        # KFP, but not the API generation asked for
    NOT_FOUND = "not-found"
    REQUEST = "request"                # the server refused the request (4xx/5xx)
    BAD_RESPONSE = "bad-response"      # an answer the designer cannot read
    AUTH_COMMAND = "auth-command"      # the token command failed
    NO_SECRET = "no-secret"            # a token/cookie is needed and none was given
    CONFIG = "config"                  # a bad endpoint definition
    UNSUPPORTED = "unsupported"        # something this endpoint cannot do


class ClusterError(Exception):
    """``failure`` says what kind of problem (tests and code match on it, never on the
    text); ``str()`` is the sentence shown to the person."""

    def __init__(self, failure: Failure, message: str, *, status: int | None = None,
                 server_said: str = ""):
        super().__init__(message)
        self.failure = failure
        self.status = status
        self.server_said = server_said      # the server's own words, when it gave any


def require_http():
    """The ``requests`` module, or ClusterError saying which extra to install."""
    try:
        import requests
    except ImportError:
        raise ClusterError(Failure.MISSING_EXTRA,
                           "Kubeflow support needs the optional `kubeflow` extra, which is "
                           f"not installed: {INSTALL_HINT}") from None
    return requests
