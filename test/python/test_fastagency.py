"""FastAgency's own client (`FastAPIProvider` from fastagency 0.10.2 on PyPI), unchanged and with its
default paths (`/fastagency/...`), against Switchboard's workflow protocol.

Runs against the server named by SWITCHBOARD_URL (scripts/other-languages.mjs starts one per
adapter). The fixture workflows: `ask` greets, asks a name (`text_input`) and a colour
(`multiple_choice` of red, green, blue) and completes with `<name>:<color>`; `fail` fails at once.
"""

import asyncio
import uuid

import pytest
from fastagency.adapters.fastapi import FastAPIProvider
from fastagency.base import CreateWorkflowUIMixin
from fastagency.messages import IOMessage, MessageProcessorMixin
from websockets.exceptions import ConnectionClosedOK


class ScriptedUI(MessageProcessorMixin, CreateWorkflowUIMixin):
    """A FastAgency UI that records every message and answers questions from a script."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.messages: list[IOMessage] = []

    def visit_default(self, message: IOMessage) -> str | None:
        self.messages.append(message)
        return None

    def visit_text_input(self, message: IOMessage) -> str | None:
        self.messages.append(message)
        return self.answers.pop(0)

    def visit_multiple_choice(self, message: IOMessage) -> str | None:
        self.messages.append(message)
        return self.answers.pop(0)

    def create_subconversation(self) -> "ScriptedUI":
        return self

    @property
    def types(self) -> list[str]:
        return [message.type for message in self.messages if message.type != "keep_alive"]


def run_workflow(base_url: str, name: str, answers: list[str]) -> ScriptedUI:
    """Runs a workflow through FastAPIProvider as a FastAgency app would (ConsoleUI.start mints a
    hex workflow uuid the same way)."""
    provider = FastAPIProvider(fastapi_url=base_url)
    ui = ScriptedUI(answers)
    workflow_ui = ui.create_workflow_ui(workflow_uuid=uuid.uuid4().hex)
    # The provider's receive loop ends when the server closes the socket; a normal close (1000)
    # surfaces as ConnectionClosedOK, anything else (1011 …) as ConnectionClosedError.
    asyncio.set_event_loop(asyncio.new_event_loop())
    with pytest.raises(ConnectionClosedOK):
        provider.run(name=name, ui=workflow_ui)
    return ui


def test_discovery_through_the_default_paths(base_url: str) -> None:
    # The provider requests `<url>//fastagency/discovery` (it joins with an extra slash).
    provider = FastAPIProvider(fastapi_url=base_url)
    assert {"ask", "fail"} <= set(provider.names)
    assert provider.get_description("ask")


def test_ask_completes(base_url: str) -> None:
    ui = run_workflow(base_url, "ask", ["Ada", "green"])
    assert ui.types == [
        "workflow_started",
        "text_message",
        "text_input",
        "multiple_choice",
        "text_message",
        "workflow_completed",
    ]
    assert ui.messages[-1].result == "Ada:green"
    assert ui.messages[-2].body == "Hi Ada, you picked green"
    for message in ui.messages:
        assert message.sender and message.recipient, message


def test_ask_with_an_invalid_choice_asks_again_and_completes(base_url: str) -> None:
    ui = run_workflow(base_url, "ask", ["Grace", "purple", "blue"])
    assert ui.types == [
        "workflow_started",
        "text_message",
        "text_input",
        "multiple_choice",
        "error",
        "multiple_choice",
        "text_message",
        "workflow_completed",
    ]
    error = ui.messages[4]
    assert error.short == "invalid_choice"
    first, again = ui.messages[3], ui.messages[5]
    assert again.prompt == first.prompt and again.choices == first.choices
    assert again.uuid != first.uuid
    assert ui.messages[-1].result == "Grace:blue"


def test_fail_sends_error_then_workflow_completed(base_url: str) -> None:
    ui = run_workflow(base_url, "fail", [])
    assert ui.types == ["workflow_started", "error", "workflow_completed"]
    error, completed = ui.messages[1], ui.messages[2]
    assert error.short == "workflow_failed"
    assert "the fail workflow always fails" in (error.long or "")
    assert "the fail workflow always fails" in (completed.result or "")
    assert (completed.sender, completed.recipient) == ("Workflow", "User")


def test_messages_carry_the_uuid_form_the_client_used(base_url: str) -> None:
    ui = run_workflow(base_url, "ask", ["Hex", "red"])
    # FastAPIProvider's init frame carries the run's uuid as pydantic dumps a UUID: hyphenated.
    workflow_uuids = {message.workflow_uuid for message in ui.messages}
    assert len(workflow_uuids) == 1
    (sent,) = workflow_uuids
    assert str(uuid.UUID(sent)) == sent


def test_initiate_workflow_answers_in_the_uuid_form_it_was_sent(base_url: str) -> None:
    import requests

    for minted, hyphens in ((uuid.uuid4().hex, False), (str(uuid.uuid4()), True)):
        response = requests.post(
            f"{base_url}/fastagency/initiate_workflow",
            json={"workflow_name": "ask", "workflow_uuid": minted, "user_id": None, "params": {}},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        answered = response.json()["workflow_uuid"]
        assert answered != minted.replace("-", "")  # the server mints its own, as FastAgency does
        assert ("-" in answered) is hyphens
        assert uuid.UUID(answered)
