"""The OpenAPI schema validates, and a request built from it for every operation gets no 5xx."""

import re
from urllib.parse import urlencode

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert schema["openapi"].startswith("3.")
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def _example(prop: dict, components: dict):
    if "$ref" in prop:
        prop = components[prop["$ref"].rsplit("/", 1)[1]]
    if "allOf" in prop:
        return _example(prop["allOf"][0], components)
    if "oneOf" in prop:
        return _example(prop["oneOf"][0], components)
    if "enum" in prop:
        return prop["enum"][0]
    kind = prop.get("type")
    return {
        "integer": 1,
        "number": 1.0,
        "boolean": True,
        "array": [],
        "object": {},
    }.get(kind, "Some text.")


def _body(operation: dict, components: dict):
    content = operation.get("requestBody", {}).get("content", {})
    for media, spec in content.items():
        schema = spec["schema"]
        if "$ref" in schema:
            schema = components[schema["$ref"].rsplit("/", 1)[1]]
        data = {
            name: _example(prop, components)
            for name, prop in schema.get("properties", {}).items()
            if prop.get("format") != "binary" and prop.get("items", {}).get("format") != "binary"
        }
        return media, data
    return None, None


def test_every_operation_answers_without_a_server_error(worlds):
    own, _, members = worlds
    schema = yaml.safe_load(Client().get("/api/schema/").content)
    components = schema["components"]["schemas"]
    ids = {
        "id": {
            "corpora": own.corpus.pk,
            "documents": own.document.pk,
            "segments": own.segment.pk,
            "spans": own.suggestion.pk,
            "findings": own.finding.pk,
            "jobs": own.job.pk,
            "imports": own.batch.pk,
            "webhooks": own.webhook.pk,
            "deliveries": own.delivery.pk,
            "assignments": own.assignment.pk,
            "me": None,
        },
        "term_pk": own.term.pk,
    }
    seen = 0
    for who in ("project admin", "glossary admin", "translator"):
        api = token_client(members[who], "write")
        for path, operations in schema["paths"].items():
            resource = path.split("/")[3]
            url = re.sub(r"\{id\}", str(ids["id"][resource]), path)
            url = url.replace("{term_pk}", str(ids["term_pk"]))
            url = url.replace("{user_pk}", str(own.member.pk))
            for method, operation in operations.items():
                query = {
                    p["name"]: _example(p["schema"], components)
                    for p in operation.get("parameters", [])
                    if p["in"] == "query" and p.get("required")
                }
                url_q = f"{url}?{urlencode(query)}" if query else url
                media, data = _body(operation, components)
                send = getattr(api, method)
                if media == "application/json":
                    response = send(url_q, data, content_type=media)
                elif media:
                    response = send(url_q, data)
                else:
                    response = send(url_q)
                if response.streaming:
                    b"".join(response.streaming_content)
                assert response.status_code < 500, f"{who} {method.upper()} {url_q}"
                seen += 1
    assert seen == 3 * sum(len(ops) for ops in schema["paths"].values())
