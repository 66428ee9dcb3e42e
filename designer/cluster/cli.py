"""`kfp-designer upload | submit | endpoints`: Kubeflow Pipelines from the command line.

    kfp-designer endpoints add NAME URL [--namespace NS] [--auth none|bearer|command|cookie]
                                        [--command CMD] [--cookie-name N] [--ca-file F]
                                        [--insecure] [--no-test]
    kfp-designer endpoints list | test NAME | remove NAME | secret NAME
    kfp-designer runs [INPUT] --endpoint NAME [--name N]        the pipeline's runs
    kfp-designer runs [INPUT] --endpoint NAME --open RUN_ID [--watch] [--save FILE]
                                                  [--log TASK]
    kfp-designer upload INPUT --endpoint NAME [--name N] [--version V] [--target v1|v2]
    kfp-designer submit INPUT --endpoint NAME [--param k=v ...] [--experiment E]
                              [--run-name R] [--no-cache] [--watch]
                              [--cron '0 0 2 * * *' | --every SECONDS]

Secrets are read from the system keyring, else asked on the terminal (never echoed), else
from the environment variable KFP_DESIGNER_SECRET (for scripts). Exit status: 0 done (with
--watch: the run succeeded), 1 the run failed, 2 bad input or a cluster problem.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TextIO

from .endpoints import AUTH_KINDS, Endpoint, EndpointStore
from .errors import ClusterError
from .secrets import Secrets

SECRET_ENV = "KFP_DESIGNER_SECRET"


def add_arguments(sub) -> None:
    """The three subcommands, on ``designer.cli``'s subparsers."""
    up = sub.add_parser("upload", help="upload the compiled pipeline to a Kubeflow endpoint")
    _input(up)
    up.add_argument("--name", help="the pipeline's name on the endpoint (default: its own)")
    up.add_argument("--description", help="default: the pipeline's description")
    up.add_argument("--version", help="the new version's name (default: name-date-digest)")
    up.add_argument("--target", choices=("v1", "v2"),
                    help="compile for (default: what the endpoint runs)")
    up.set_defaults(func=cmd_upload)

    sb = sub.add_parser("submit", help="upload and run the pipeline on a Kubeflow endpoint")
    _input(sb)
    sb.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", default=[],
                    help="a pipeline parameter value (repeat for each parameter)")
    sb.add_argument("--experiment", default="", help="experiment (made when missing)")
    sb.add_argument("--run-name", default="", help="default: pipeline name and time")
    sb.add_argument("--no-cache", action="store_true", help="run every task again")
    sb.add_argument("--target", choices=("v1", "v2"),
                    help="compile for (default: what the endpoint runs)")
    sb.add_argument("--watch", action="store_true",
                    help="follow the run until it ends, printing each task's state")
    sb.add_argument("--poll", type=float, default=5.0, metavar="S",
                    help="seconds between status checks with --watch (default 5)")
    when = sb.add_mutually_exclusive_group()
    when.add_argument("--cron", help="a recurring run: KFP cron, six fields, seconds first")
    when.add_argument("--every", type=int, metavar="SECONDS",
                      help="a recurring run every SECONDS seconds")
    sb.add_argument("--max-concurrency", type=int, default=1, help="recurring runs at once")
    sb.set_defaults(func=cmd_submit)

    rn = sub.add_parser("runs", help="list a pipeline's runs on a Kubeflow endpoint, or "
                        "re-open one (its pipeline and what its tasks did)")
    _input(rn)
    rn.add_argument("--name", help="the pipeline's name on the endpoint (default: INPUT's)")
    rn.add_argument("--open", metavar="RUN_ID",
                    help="re-open this run: shown on INPUT when it ran INPUT, else on its own "
                         "pipeline (an older version), read back from the endpoint")
    rn.add_argument("--save", metavar="FILE",
                    help="with --open: write the pipeline the run ran as a project (.kfpd)")
    rn.add_argument("--watch", action="store_true",
                    help="with --open: follow the run until it ends")
    rn.add_argument("--poll", type=float, default=5.0, metavar="S",
                    help="seconds between status checks with --watch (default 5)")
    rn.add_argument("--log", metavar="TASK",
                    help="with --open: then print this task's log (its name as listed)")
    rn.set_defaults(func=cmd_runs)

    ep = sub.add_parser("endpoints", help="add, list, test and remove Kubeflow endpoints")
    eps = ep.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = eps.add_parser("add", help="add or replace an endpoint")
    add.add_argument("name")
    add.add_argument("url", help="the KFP API server or the KFP UI (which proxies /apis)")
    add.add_argument("--namespace", default="", help="the profile namespace (multi-user)")
    add.add_argument("--auth", choices=AUTH_KINDS, default="none")
    add.add_argument("--command", dest="token_command", default="",
                     help="auth command: prints a bearer token")
    add.add_argument("--cookie-name", default="authservice_session")
    add.add_argument("--ca-file", default="", help="CA bundle for the endpoint's TLS")
    add.add_argument("--insecure", action="store_true", help="do not verify TLS (test only)")
    add.add_argument("--ui-url", default="", help="the KFP UI for run links (default: URL)")
    add.add_argument("--no-test", action="store_true", help="do not connect to detect the API")
    eps.add_parser("list", help="list the endpoints")
    for action, text in (("test", "connect and say what works"), ("remove", "forget one"),
                         ("secret", "store its token or cookie in the system keyring")):
        p = eps.add_parser(action, help=text)
        p.add_argument("name")
    ep.set_defaults(func=cmd_endpoints)


def _input(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", nargs="?", help="kfp Python file (.py), project (.kfpd) or "
                   "compiled YAML")
    p.add_argument("--example", action="store_true", help="use the bundled tutorial pipeline")
    p.add_argument("-e", "--endpoint", required=True, help="an endpoint name (endpoints list)")
    from designer.inputs import add_read_options
    add_read_options(p)


# --- secrets on a terminal ------------------------------------------------------------------

def terminal_ask(endpoint: Endpoint, what: str) -> str | None:
    env = os.environ.get(SECRET_ENV, "")
    if env:
        return env
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"{what} for endpoint {endpoint.name}: ") or None


def _api(name: str, secrets: Secrets):
    from .jobs import open_api
    return open_api(EndpointStore().get(name), secrets, terminal_ask)


# --- commands -------------------------------------------------------------------------------

def cmd_upload(args: argparse.Namespace) -> int:
    from designer.inputs import load_project, read_options

    from .jobs import upload
    pipeline = load_project(args.input, read_options(args)).pipeline
    return _guard(lambda: _upload(args, pipeline, upload))


def _upload(args, pipeline, upload) -> int:
    api = _api(args.endpoint, Secrets())
    done = upload(api, pipeline, name=args.name, description=args.description,
                  version=args.version, target=args.target)
    what = "new pipeline" if done.new_pipeline else "new version"
    print(f"uploaded ({what}, KFP {done.target} YAML) to {args.endpoint}: pipeline "
          f"{done.pipeline.name} [{done.pipeline.id}], version {done.version.name} "
          f"[{done.version.id}]")
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    from designer.inputs import load_project, read_options
    from designer.runner.values import parse_assignments
    pipeline = load_project(args.input, read_options(args)).pipeline
    params = parse_assignments(args.param)
    return _guard(lambda: _submit(args, pipeline, params))


def _submit(args, pipeline, params, out: TextIO | None = None) -> int:
    from .api import Schedule
    from .jobs import submit, watch
    out = out or sys.stdout
    schedule = None
    if args.cron or args.every:
        schedule = Schedule(cron=args.cron or "", interval_seconds=args.every or 0,
                            max_concurrency=args.max_concurrency)
    api = _api(args.endpoint, Secrets())
    done = submit(api, pipeline, params, run_name=args.run_name, experiment=args.experiment,
                  caching=not args.no_cache, schedule=schedule, target=args.target)
    endpoint = api.conn.endpoint
    print(f"uploaded version {done.uploaded.version.name} of {done.uploaded.pipeline.name}",
          file=out)
    if done.run is None:
        print(f"recurring run {done.recurring_id} created", file=out, flush=True)
        return 0
    print(f"run {done.run.name} [{done.run.id}] started: {endpoint.run_link(done.run.id)}",
          file=out, flush=True)
    if not args.watch:
        return 0
    final = watch(api, done.run.id, pipeline, done.uploaded.target, _reporter(pipeline, out),
                  interval=args.poll)
    print(f"run {final.state}" + (f": {final.error}" if final.error else ""), file=out)
    return 0 if final.state == "succeeded" else 1


def _reporter(pipeline, out: TextIO):
    """Prints each task's state when it or its outputs change (with its error and outputs),
    and why ML Metadata could not be read, once per new reason."""
    names = {t.id: t.name for t in pipeline.tasks}
    seen: dict[str, tuple] = {}
    said: list[str] = [""]

    def report(run, states) -> None:
        problem = next((st.mlmd_error for st in states.values() if st.mlmd_error), "")
        if problem and problem != said[0]:
            print(f"ML Metadata: {problem} (task states come from the run; output parameters "
                  "and the cache state are not shown)", file=out, flush=True)
        said[0] = problem
        for task_id, st in states.items():
            if seen.get(task_id) != (st.state, st.outputs):
                seen[task_id] = (st.state, dict(st.outputs))
                extra = f": {st.error}" if st.error else ""
                if st.outputs:
                    extra += " (" + ", ".join(f"{k}={v}" for k, v in st.outputs.items()) + ")"
                print(f"[{names.get(task_id, task_id)}] {st.state}{extra}", file=out,
                      flush=True)
    return report


def cmd_runs(args: argparse.Namespace) -> int:
    from designer.inputs import load_project, read_options
    pipeline = None
    if args.input:     # --example is made INPUT by designer.cli
        pipeline = load_project(args.input, read_options(args)).pipeline
    elif not (args.name or args.open):
        print("kfp-designer: runs: give INPUT (or --example), --name or --open",
              file=sys.stderr)
        return 2
    if (args.save or args.watch or args.log) and not args.open:
        print("kfp-designer: runs: --save, --watch and --log go with --open RUN_ID",
              file=sys.stderr)
        return 2
    return _guard(lambda: _runs(args, pipeline))


def _runs(args, pipeline, out: TextIO | None = None) -> int:
    from .jobs import observe, runs_of, watch
    from .reopen import reopen
    out = out or sys.stdout
    api = _api(args.endpoint, Secrets())
    if not args.open:
        name = args.name or pipeline.name
        runs = runs_of(api, name)
        for run in runs:
            print(f"{run.id}\t{run.name}\t{run.state}\t{run.created}", file=out)
        print(f"{len(runs)} run(s) of {name} on {args.endpoint}", file=out)
        return 0
    found = reopen(api, args.open, pipeline)
    run = found.run
    which = ("the given pipeline" if found.same else
             f"its own pipeline {found.pipeline.name} (read back from the endpoint"
             + (", not the given one)" if pipeline is not None else ")"))
    print(f"run {run.name} [{run.id}]: {run.state}, on {which}: "
          f"{api.conn.endpoint.run_link(run.id)}", file=out, flush=True)
    if args.save:
        from designer.persist import Project, save
        save(Project(found.pipeline, {}), args.save)
        print(f"the run's pipeline is saved in {args.save}", file=out)
    report = _reporter(found.pipeline, out)
    states = observe(api, run, found.pipeline, api.target)
    report(run, states)
    if args.watch and not run.done:
        run = watch(api, run.id, found.pipeline, api.target, report, interval=args.poll)
        print(f"run {run.state}" + (f": {run.error}" if run.error else ""), file=out)
        states = observe(api, run, found.pipeline, api.target)
    if args.log:
        _print_log(api, run, found.pipeline, states, args.log, out)
    return 1 if run.done and run.state != "succeeded" else 0


def _print_log(api, run, pipeline, states, name: str, out: TextIO) -> None:
    """The log of the task called ``name``, as the KFP UI fetches it."""
    from designer.ir import InputError
    task = next((t for t in pipeline.tasks if t.name == name), None)
    if task is None:
        raise InputError(f"--log {name}: the run's pipeline has no such task (its tasks: "
                         f"{', '.join(t.name for t in pipeline.tasks)})")
    st = states[task.id]
    ref = st.log_ref(run.id)
    if ref is None:
        why = ("it was taken from the cache, so no pod ran" if st.state == "cached" else
               f"it is {st.state}: no pod has run it yet" if st.state in ("pending", "running")
               else f"it is {st.state} and no pod ran it")
        print(f"[{name}] no log: {why}", file=out)
        return
    print(f"--- log of {name} (pod {ref.pod}) ---", file=out)
    print(api.pod_logs(ref).rstrip("\n"), file=out)


def cmd_endpoints(args: argparse.Namespace) -> int:
    return _guard(lambda: _endpoints(args))


def _endpoints(args) -> int:
    store = EndpointStore()
    secrets = Secrets()
    if args.action == "list":
        endpoints = store.load()
        if not endpoints:
            print("no endpoints yet: kfp-designer endpoints add NAME URL")
        for e in endpoints:
            ns = f" namespace={e.namespace}" if e.namespace else ""
            print(f"{e.name}\t{e.url}\tAPI {e.api_version or '?'}\tauth={e.auth}{ns}")
        return 0
    if args.action == "remove":
        if not store.remove(args.name):
            print(f"no endpoint named {args.name!r}", file=sys.stderr)
            return 2
        secrets.forget(args.name)
        return 0
    if args.action == "secret":
        endpoint = store.get(args.name)
        if not secrets.keyring_available:
            print("no system keyring is usable here: the secret will be asked each session "
                  f"(or set {SECRET_ENV})", file=sys.stderr)
            return 2
        secret = terminal_ask(endpoint, "token" if endpoint.auth != "cookie" else "cookie")
        if not secret:
            print("no secret given", file=sys.stderr)
            return 2
        secrets.put(endpoint.name, secret)
        print(f"stored in the system keyring for {endpoint.name}")
        return 0
    from .jobs import test_connection
    if args.action == "test":
        endpoint = store.get(args.name)
        report = test_connection(endpoint, secrets, terminal_ask)
        if endpoint.api_version != report.api_version:
            endpoint.api_version = report.api_version
            store.put(endpoint)
        print(f"{endpoint.name}: {report.summary()}")
        return 0
    endpoint = Endpoint(args.name, args.url, namespace=args.namespace, auth=args.auth,
                        command=args.token_command, cookie_name=args.cookie_name,
                        verify_tls=not args.insecure, ca_file=args.ca_file, ui_url=args.ui_url)
    endpoint.check()
    if not args.no_test:
        report = test_connection(endpoint, secrets, terminal_ask)
        endpoint.api_version = report.api_version
        print(f"{endpoint.name}: {report.summary()}")
    store.put(endpoint)
    print(f"endpoint {endpoint.name} saved in {store.path}")
    return 0


def _guard(fn) -> int:
    try:
        return fn()
    except ClusterError as e:
        print(f"kfp-designer: {e}", file=sys.stderr)
        return 2
