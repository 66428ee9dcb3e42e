"""The contract is KFP's own: read from the kfp-server-api sdists on PyPI, and it bites."""
from __future__ import annotations

import pytest

from .apidocs import PACKAGES, load


@pytest.mark.parametrize("generation", ["v1beta1", "v2beta1"])
def test_the_documents_hold_the_operations_the_designer_uses(generation):
    doc = load(generation)
    ops = {(op.method, op.path) for op in doc.operations}
    base = f"/apis/{generation}"
    for method, path in [("GET", "/healthz"), ("POST", "/pipelines/upload"),
                         ("POST", "/pipelines/upload_version"), ("GET", "/experiments"),
                         ("POST", "/experiments"), ("POST", "/runs"), ("GET", "/runs")]:
        assert (method, base + path) in ops, (generation, method, path)
    upload = doc.find("POST", f"{base}/pipelines/upload")[0]
    assert upload.files == ["uploadfile"] and "uploadfile" in upload.required
    assert doc.package_version == PACKAGES[generation]


def test_a_body_with_a_field_the_documents_do_not_have_is_refused():
    doc = load("v2beta1")
    import jsonschema
    validator = jsonschema.Draft7Validator(doc.schema("V2beta1Run"))
    assert not list(validator.iter_errors({"display_name": "r", "runtime_config": {
        "parameters": {"a": 1}}}))
    bad = list(validator.iter_errors({"display_name": "r", "parameters": {"a": 1}}))
    assert bad and "parameters" in bad[0].message
    wrong_enum = list(validator.iter_errors({"state": "DONE"}))
    assert wrong_enum and "DONE" in wrong_enum[0].message


def test_the_server_records_a_request_outside_the_documents(kfp_server):
    import requests
    r = requests.get(kfp_server.url + "/apis/v2beta1/runs", params={"page_sise": 3},
                     timeout=10)
    assert r.status_code == 400 and r.json()["code"] == 3          # an error body, per docs
    assert any("page_sise" in v for v in kfp_server.violations)
    r = requests.post(kfp_server.url + "/apis/v2beta1/experiments", json={"name": "x"},
                      timeout=10)
    assert r.status_code == 400
    assert any("create_experiment" in v and "'name'" in v for v in kfp_server.violations)
    kfp_server.violations.clear()   # seen: the fixture would fail the test otherwise
