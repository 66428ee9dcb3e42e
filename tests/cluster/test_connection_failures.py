"""Test connection says precisely what failed: each failure, its kind and its words."""
from __future__ import annotations

import datetime
import http.server
import socket
import ssl
import subprocess
import sys
import threading

import pytest

from designer.cluster import jobs
from designer.cluster.endpoints import Endpoint
from designer.cluster.errors import ClusterError, Failure
from designer.cluster.secrets import Secrets

from .contract_server import Auth
from .helpers import endpoint_for


def failure_of(endpoint: Endpoint, secrets: Secrets | None = None, ask=None) -> ClusterError:
    with pytest.raises(ClusterError) as e:
        jobs.test_connection(endpoint, secrets or Secrets(keyring=False), ask, timeout=10)
    return e.value


def test_dns(monkeypatch):
    real = socket.getaddrinfo

    def fake(host, *args, **kw):   # no resolver is asked: the name fails here
        if host == "kfp.example.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kw)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    e = failure_of(Endpoint("x", "http://kfp.example.invalid:8888"))
    assert e.failure == Failure.DNS
    assert str(e) == ("the host name 'kfp.example.invalid' does not resolve (DNS): check the "
                      "URL, or your VPN / port-forward")


def test_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]   # closed again: nothing listens there
    e = failure_of(Endpoint("x", f"http://127.0.0.1:{port}"))
    assert e.failure == Failure.REFUSED
    assert str(e) == (f"connection refused by 127.0.0.1:{port}: nothing listens there (is the "
                      "port-forward or the cluster running?)")


@pytest.fixture
def tls_server(tmp_path, kfp_server):
    """An HTTPS front (self-signed certificate for 127.0.0.1) relaying to the contract
    server, and the CA file that vouches for it."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kfp-test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "ca.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    import requests
    backend = kfp_server.url

    class Relay(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            r = requests.get(backend + self.path, headers=dict(self.headers), timeout=10)
            self.send_response(r.status_code)
            self.send_header("Content-Type", r.headers.get("Content-Type", ""))
            self.send_header("Content-Length", str(len(r.content)))
            self.end_headers()
            self.wfile.write(r.content)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Relay)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert_file, key_file)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}", cert_file
    httpd.shutdown()
    httpd.server_close()


def test_tls(tls_server):
    url, ca = tls_server
    e = failure_of(Endpoint("x", url))
    assert e.failure == Failure.TLS
    assert str(e).startswith(f"TLS verification of 127.0.0.1:{url.rsplit(':', 1)[1]} failed (")
    assert "certificate verify failed" in str(e) and "give the cluster's CA file" in str(e)
    ok = jobs.test_connection(Endpoint("x", url, ca_file=str(ca)), timeout=10)
    assert ok.api_version == "v2beta1"
    assert jobs.test_connection(Endpoint("x", url, verify_tls=False), timeout=10)


def test_401_without_and_with_a_wrong_token(kfp_server_factory):
    server = kfp_server_factory(auth=Auth("bearer", "s3cret-token"))
    e = failure_of(endpoint_for(server))
    assert e.failure == Failure.UNAUTHORIZED and e.status == 401
    assert str(e) == ("401 Unauthorized (GET /apis/v2beta1/experiments, sent no credentials): "
                      "this endpoint needs credentials: choose a bearer token, a token command "
                      "or a session cookie. The server said: Unauthenticated: invalid or "
                      "missing token")
    secrets = Secrets(keyring=False)
    secrets.put("test", "wrong", remember=False)
    e = failure_of(endpoint_for(server, auth="bearer"), secrets)
    assert str(e).startswith("401 Unauthorized (GET /apis/v2beta1/experiments, sent a bearer "
                             "token): the bearer token was refused (wrong or expired?)")
    secrets.put("test", "s3cret-token", remember=False)
    assert jobs.test_connection(endpoint_for(server, auth="bearer"), secrets).api_version


def test_403_for_a_namespace_the_user_may_not_use(kfp_server_factory):
    server = kfp_server_factory(auth=Auth(namespaces={"team-a"}))
    e = failure_of(endpoint_for(server, namespace="team-b"))
    assert e.failure == Failure.FORBIDDEN and e.status == 403
    assert str(e) == ("403 Forbidden (GET /apis/v2beta1/experiments): the credentials are valid "
                      "but may not do this in namespace 'team-b'. The server said: "
                      "PermissionDenied: user may not access namespace team-b")
    report = jobs.test_connection(endpoint_for(server, namespace="team-a"))
    assert report.multi_user


def test_dex_login_redirect_and_session_cookie(kfp_server_factory):
    server = kfp_server_factory(auth=Auth("cookie", "c00kie"))
    e = failure_of(endpoint_for(server))
    assert e.failure == Failure.UNAUTHORIZED
    assert str(e) == ("redirected to a login page (/dex/auth): this install signs in through "
                      "Dex/OIDC; use auth `session cookie`")
    secrets = Secrets(keyring=False)
    secrets.put("test", "stale", remember=False)
    e = failure_of(endpoint_for(server, auth="cookie"), secrets)
    assert str(e) == ("the session cookie authservice_session was refused or has expired "
                      "(redirected to the login page /dex/auth): sign in in a browser and copy "
                      "a fresh one")
    asked = []
    ok = jobs.test_connection(endpoint_for(server, auth="cookie"), Secrets(keyring=False),
                              lambda ep, what: asked.append(what) or "c00kie")
    assert ok.api_version == "v2beta1" and asked == ["session cookie"]


def test_no_secret_given():
    e = failure_of(Endpoint("x", "http://127.0.0.1:9", auth="bearer"), Secrets(keyring=False),
                   lambda ep, what: None)
    assert e.failure == Failure.NO_SECRET
    assert str(e) == ("endpoint 'x' needs a bearer token and none was given (no system keyring "
                      "is usable here, so it is asked each session)")


def test_wrong_api_version(kfp1_server):
    with pytest.raises(ClusterError) as e:
        jobs.open_api(endpoint_for(kfp1_server, api_version="v2beta1"))
    assert e.value.failure == Failure.API_VERSION
    assert str(e.value) == (f"{kfp1_server.url} serves the KFP API v1beta1, not v2beta1 as this "
                            "endpoint says (test the connection again to update it)")


@pytest.fixture
def html_server():
    class Page(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            body = b"<html><body>Not found</body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_not_kfp(html_server):
    e = failure_of(Endpoint("x", html_server))
    assert e.failure == Failure.NOT_KFP
    assert str(e) == (f"{html_server} answers HTTP but is not a Kubeflow Pipelines API "
                      "(/apis/v2beta1/healthz: 404 Not Found (GET /apis/v2beta1/healthz); "
                      "/apis/v1beta1/healthz: 404 Not Found (GET /apis/v1beta1/healthz))")


def test_token_command(kfp_server_factory, tmp_path):
    server = kfp_server_factory(auth=Auth("bearer", "from-a-command"))
    script = tmp_path / "token.py"
    script.write_text("print('from-a-command')\n")
    ok = jobs.test_connection(endpoint_for(server, auth="command",
                                           command=f"{sys.executable} {script}"))
    assert ok.api_version == "v2beta1"
    assert server.requests()[-1].headers["Authorization"] == "Bearer from-a-command"
    bad = tmp_path / "bad.py"
    bad.write_text("import sys; print('not logged in', file=sys.stderr); sys.exit(3)\n")
    e = failure_of(endpoint_for(server, auth="command", command=f"{sys.executable} {bad}"))
    assert e.failure == Failure.AUTH_COMMAND
    assert str(e) == f"the token command `{sys.executable} {bad}` failed (exit 3): not logged in"
    e = failure_of(endpoint_for(server, auth="command", command="no-such-gcloud auth token"))
    assert str(e) == ("the token command `no-such-gcloud` was not found (is it installed and on "
                      "PATH?)")


def test_without_the_extra_the_designer_says_what_to_install(tmp_path):
    """`requests` blocked: the CLI and the API say which extra to install."""
    code = ("import sys; sys.modules['requests'] = None\n"
            "from designer.cluster.endpoints import Endpoint\n"
            "from designer.cluster.http import Connection\n"
            "from designer.cluster.errors import ClusterError\n"
            "try:\n    Connection(Endpoint('x', 'http://127.0.0.1:9'))\n"
            "except ClusterError as e:\n    print(e.failure.value, e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == (
        "missing-extra Kubeflow support needs the optional `kubeflow` extra, which is not "
        "installed: pip install 'kfp-pipeline-designer[kubeflow]'")


def kept(secret: str) -> Secrets:
    """This session's secret of the endpoint ``test``."""
    secrets = Secrets(keyring=False)
    secrets.put("test", secret, remember=False)
    return secrets


def test_a_refused_token_from_the_command_is_fetched_again_once(kfp_server_factory, tmp_path):
    """An expired token: the command runs once more; refused again, the message names it."""
    server = kfp_server_factory(auth=Auth("bearer", "fresh"))
    runs = tmp_path / "runs"
    script = tmp_path / "token.py"
    script.write_text(f"import pathlib; p = pathlib.Path({str(runs)!r}); "
                      "p.write_text(p.read_text() + 'x' if p.exists() else 'x'); "
                      "print('stale')\n")
    command = f"{sys.executable} {script}"
    e = failure_of(endpoint_for(server, auth="command", command=command))
    assert e.failure == Failure.UNAUTHORIZED and e.status == 401
    assert str(e) == ("401 Unauthorized (GET /apis/v2beta1/experiments, sent a bearer token): "
                      f"the token printed by `{command}` was refused. The server said: "
                      "Unauthenticated: invalid or missing token")
    assert runs.read_text() == "xx"          # run again once, not in a loop


def test_istio_denies_before_kfp_sees_the_request(kfp_server_factory):
    server = kfp_server_factory(auth=Auth("istio", "mesh-token"))
    denied = failure_of(endpoint_for(server))
    said = ("403 Forbidden (GET /apis/v2beta1/healthz, sent no credentials): refused by the "
            "cluster's Istio authorization policy (`RBAC: access denied`) before Kubeflow "
            "Pipelines saw it: the request carries no identity the cluster accepts (sign in "
            "and use the session cookie, or a token the cluster trusts)")
    assert (denied.failure, denied.status, str(denied)) == (Failure.FORBIDDEN, 403, said)
    assert jobs.test_connection(endpoint_for(server, auth="bearer"),
                                kept("mesh-token")).api_version


def test_oauth2_proxy_login_names_its_cookie(kfp_server_factory):
    server = kfp_server_factory(auth=Auth("cookie", "c00kie", "oauth2_proxy_kubeflow",
                                          login="/oauth2/start?rd=%2Fpipeline"))
    secrets = kept("c00kie")
    e = failure_of(endpoint_for(server, auth="cookie"), secrets)     # authservice_session
    assert e.failure == Failure.UNAUTHORIZED
    assert str(e) == ("the session cookie authservice_session was refused or has expired "
                      "(redirected to the login page /oauth2/start): sign in in a browser and "
                      "copy a fresh one; this install signs in through oauth2-proxy, whose "
                      "cookie Kubeflow names oauth2_proxy_kubeflow")
    ok = jobs.test_connection(endpoint_for(server, auth="cookie",
                                           cookie_name="oauth2_proxy_kubeflow"), secrets)
    assert ok.api_version == "v2beta1"
