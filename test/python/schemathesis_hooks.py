"""Schemathesis hooks (SCHEMATHESIS_HOOKS=schemathesis_hooks) for the runs of scripts/other-languages.mjs.

Random strings for `model`, `response_id` or an agent's `name` are answered 404 before any protocol
logic runs, so purely random cases would test little beyond the error envelope. Before the document
is loaded, the fixture names of DESIGN §7 and the ids of responses created on the server under test
are added as JSON Schema `examples`: the examples and coverage phases then send them, and the
fuzzing phase still mixes in arbitrary values. The loaded document is otherwise untouched, so every
response is still checked against the committed schema.

At exit it prints, per operation, how often each status came back: evidence that the run reached
the operations' real behaviour rather than their 404s.
"""

from __future__ import annotations

import atexit
import os
from collections import Counter, defaultdict
from typing import Any

import httpx
import schemathesis

FIXTURE_AGENTS = ["echo", "tools"]
# The workflows every server under test serves (DESIGN §7); `fail` ends in an error by design.
FIXTURE_WORKFLOWS = ["ask", "fail"]
statuses: defaultdict[str, Counter[int]] = defaultdict(Counter)


def _server() -> httpx.Client:
    return httpx.Client(base_url=os.environ["SWITCHBOARD_URL"], timeout=30)


def _stored_response_ids() -> list[str]:
    """A finished response, one with a function call, and a background one that cancel can stop."""
    bodies = [
        {"model": "echo", "input": "schemathesis example"},
        {
            "model": "tools",
            "input": "schemathesis",
            "tools": [{"type": "function", "name": "lookup", "parameters": {"type": "object"}}],
        },
        {"model": "slow", "input": "schemathesis", "background": True},
    ]
    with _server() as http:
        return [http.post("/v1/responses", json=body).raise_for_status().json()["id"] for body in bodies]


def _add_examples(schema: dict[str, Any], values: list[Any]) -> None:
    schema["examples"] = [*schema.get("examples", []), *values]


def _path_parameters(raw: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for item in raw.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict):
                found.extend(p for p in operation.get("parameters", []) if "$ref" not in p)
    found.extend(raw.get("components", {}).get("parameters", {}).values())
    return found


@schemathesis.hook
def before_load_schema(ctx: Any, raw_schema: dict[str, Any]) -> None:
    components = raw_schema.get("components", {}).get("schemas", {})
    parameters = _path_parameters(raw_schema)
    if "/v1/responses" in raw_schema.get("paths", {}):
        create = components["CreateResponse"]["properties"]
        _add_examples(create["model"], FIXTURE_AGENTS)
        # An empty input makes an empty answer: give the streams some deltas to validate.
        _add_examples(create["input"], ["two words"])
        for parameter in parameters:
            if parameter.get("in") != "path":
                continue
            if parameter["name"] == "response_id":
                # Ids of their own per operation, so that testing DELETE first leaves the others some.
                _add_examples(parameter["schema"], _stored_response_ids())
            elif parameter["name"] == "model":
                _add_examples(parameter["schema"], FIXTURE_AGENTS)
    elif "WorkflowInitiateRequest" in components:
        initiate = components["WorkflowInitiateRequest"].get("properties", {})
        if "workflow_name" in initiate:
            _add_examples(initiate["workflow_name"], FIXTURE_WORKFLOWS)
    else:
        for parameter in parameters:
            if parameter.get("in") == "header" and parameter["name"] == "accept":
                _add_examples(parameter["schema"], ["text/event-stream", "application/json"])
            if parameter.get("in") != "path":
                continue
            if parameter["name"] == "name":
                _add_examples(parameter["schema"], FIXTURE_AGENTS)
            elif parameter["name"] == "id":
                _add_examples(parameter["schema"], ["schemathesis-instance"])
            elif parameter["name"] == "session":
                parameter["schema"] = {"allOf": [parameter["schema"]], "examples": ["default", "schemathesis"]}


@schemathesis.hook
def filter_body(ctx: Any, body: Any) -> bool:
    # Fuzzing picks up `slow` from `GET /v1/models`; each such case waits five seconds for fifty
    # ticks and adds nothing a quicker agent does not cover (pytest covers `slow` itself).
    return not (isinstance(body, dict) and body.get("model") == "slow")


@schemathesis.hook
def after_call(ctx: Any, case: Any, response: Any) -> None:
    statuses[f"{case.operation.method.upper()} {case.operation.path}"][response.status_code] += 1


@atexit.register
def _report() -> None:
    if not statuses:
        return
    print("\nStatuses per operation (schemathesis_hooks):")
    for operation, counter in sorted(statuses.items()):
        print(f"  {operation}: " + ", ".join(f"{status}×{n}" for status, n in sorted(counter.items())))
