"""Kubeflow Pipelines endpoints: upload, runs and their states, from the CLI and the GUI.

Qt-free, at the runner's layer: it compiles with ``designer.compiler`` and talks to a KFP API
server (the v1beta1 or the v2beta1 REST API, detected) over HTTP with ``requests``, an
optional extra (``pip install 'kfp-pipeline-designer[kubeflow]'``); ``require_http()`` says
what to install when it is missing.

    endpoints.py   named endpoints (URL, namespace, auth, TLS) in the user's config folder
    secrets.py     tokens and cookies: the system keyring when usable, else this session only
    auth.py        what a request carries for each kind of auth
    http.py        one connection: requests, and every failure turned into a precise message
    api.py         the two API generations behind one interface (pipelines, runs, ...)
    runstate.py    a run's details -> the state, outputs, pod (and log query) of each task
    specs.py       a compiled pipeline as the backend keeps it (pipeline + platform spec)
    jobs.py        upload, submit, watch: what the CLI and the GUI do with the above
    reopen.py      a run read again, and the pipeline it ran (this one, or read back)
    spec_reader.py lightweight-Python PipelineSpecs of other kfp 2 versions into the IR
"""
from __future__ import annotations

from .errors import ClusterError, require_http

__all__ = ["ClusterError", "require_http"]
