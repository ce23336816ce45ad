"""Talk to a Switchboard server through the Python clients that openapi-python-client generates
from the committed OpenAPI 3.1 documents (see generated/).

It exercises the Responses protocol (create, stream, retrieve, input items, delete, one response
in WebSocket mode), the instance-agent protocol (two sessions of one instance, their histories, a
dispatch, a prompt over the agent's WebSocket) and the workflow protocol (the `ask` workflow over its
WebSocket, see sockets.py), and exits non-zero with a message on the first answer that breaks the
protocol.

    SWITCHBOARD_URL=http://127.0.0.1:8787 python examples/clients/python/main.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "generated"))

import httpx
from switchboard_agents_client import AuthenticatedClient as AgentsAuthClient
from switchboard_agents_client import Client as AgentsClient
from switchboard_agents_client.api.agents import (
    dispatch_dispatch,
    instances_prompt,
    sessions_history,
)
from switchboard_agents_client.models import (
    AgentAssistantMessage,
    AgentDispatchReceipt,
    AgentDispatchRequest,
    AgentPromptRequest,
    AgentPromptResponse,
    AgentSessionHistory,
    AgentToolMessage,
    AgentUserMessage,
)
from switchboard_responses_client import AuthenticatedClient as ResponsesAuthClient
from switchboard_responses_client import Client as ResponsesClient
from switchboard_responses_client.api.responses import (
    responses_operations_create,
    responses_operations_delete,
    responses_operations_list_input_items,
    responses_operations_retrieve,
)
from switchboard_responses_client.models import (
    CreateResponse,
    DeletedResponse,
    OutputMessage,
    OutputTextContent,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseErrorEvent,
    ResponseFailedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseIncompleteEvent,
    ResponseInProgressEvent,
    ResponseItemList,
    ResponseObject,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseQueuedEvent,
    ResponsesErrorEnvelope,
    ResponseStatus,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
)
from switchboard_workflows_client import AuthenticatedClient as WorkflowsAuthClient
from switchboard_workflows_client import Client as WorkflowsClient

from sockets import AgentSocket, SocketProtocolError, create_response_over_socket, run_workflow, text_deltas

# The generator emits one class per event but no type for the discriminated union (OpenAPI 3.1
# cannot attach it to the text/event-stream body), so frames are dispatched on `type` here.
STREAM_EVENTS: dict[str, Any] = {
    "response.created": ResponseCreatedEvent,
    "response.queued": ResponseQueuedEvent,
    "response.in_progress": ResponseInProgressEvent,
    "response.completed": ResponseCompletedEvent,
    "response.failed": ResponseFailedEvent,
    "response.incomplete": ResponseIncompleteEvent,
    "response.output_item.added": ResponseOutputItemAddedEvent,
    "response.output_item.done": ResponseOutputItemDoneEvent,
    "response.content_part.added": ResponseContentPartAddedEvent,
    "response.content_part.done": ResponseContentPartDoneEvent,
    "response.output_text.delta": ResponseTextDeltaEvent,
    "response.output_text.done": ResponseTextDoneEvent,
    "response.function_call_arguments.delta": ResponseFunctionCallArgumentsDeltaEvent,
    "response.function_call_arguments.done": ResponseFunctionCallArgumentsDoneEvent,
    "error": ResponseErrorEvent,
}


class ProtocolError(Exception):
    pass


def expect(value: Any, kind: type, what: str) -> Any:
    """The generated operations return the parsed body of any documented status: insist on one."""
    if not isinstance(value, kind):
        detail = value.to_dict() if hasattr(value, "to_dict") else value
        raise ProtocolError(f"{what}: expected {kind.__name__}, got {type(value).__name__} {detail}")
    return value


def output_text(response: ResponseObject) -> str:
    return "".join(
        part.text
        for item in response.output
        if isinstance(item, OutputMessage)
        for part in item.content
        if isinstance(part, OutputTextContent)
    )


def sse_frames(lines: Iterator[str]) -> Iterator[tuple[str | None, str]]:
    """Yields (event, data) for each server-sent event; comments and ids are skipped."""
    event: str | None = None
    data: list[str] = []
    for line in lines:
        if line == "":
            if data:
                yield event, "\n".join(data)
            event, data = None, []
        elif line.startswith(":"):
            continue
        elif line.startswith("event:"):
            event = line[len("event:") :].removeprefix(" ")
        elif line.startswith("data:"):
            data.append(line[len("data:") :].removeprefix(" "))


def stream_response(client: ResponsesClient | ResponsesAuthClient, words: str) -> str:
    """Creates a streamed echo response, checks the prescribed event order, returns its id."""
    body = CreateResponse(model="echo", input_=words, stream=True)
    # The generated operation parses every 200 body as JSON, so the stream is read through the
    # client's own httpx session (base URL, headers and timeouts included).
    types: list[str] = []
    deltas: list[str] = []
    response_id = ""
    done = False
    with client.get_httpx_client().stream("POST", "/v1/responses", json=body.to_dict()) as http:
        if http.status_code != 200 or not http.headers.get("content-type", "").startswith("text/event-stream"):
            raise ProtocolError(f"stream: HTTP {http.status_code} {http.read().decode()}")
        for event, data in sse_frames(http.iter_lines()):
            if data == "[DONE]":
                done = True
                break
            raw = json.loads(data)
            kind = raw["type"]
            if event != kind:
                raise ProtocolError(f"stream: event line {event!r} but data type {kind!r}")
            if raw["sequence_number"] != len(types):
                raise ProtocolError(f"stream: {kind} has sequence_number {raw['sequence_number']}, want {len(types)}")
            parsed = STREAM_EVENTS[kind].from_dict(raw)
            if isinstance(parsed, ResponseCreatedEvent):
                response_id = parsed.response.id
            elif isinstance(parsed, ResponseTextDeltaEvent):
                deltas.append(parsed.delta)
            elif isinstance(parsed, ResponseErrorEvent):
                raise ProtocolError(f"stream: error event {parsed.message}")
            types.append(kind)
    if not done:
        raise ProtocolError("stream: ended without data: [DONE]")
    if "".join(deltas) != words:
        raise ProtocolError(f"stream: deltas join to {''.join(deltas)!r}, want {words!r}")
    want = [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
        *["response.output_text.delta"] * len(words.split(" ")),
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    if types != want:
        raise ProtocolError(f"stream: event order\n  got  {types}\n  want {want}")
    print(f"streamed {response_id}: {len(types)} events in order, deltas {''.join(deltas)!r}")
    return response_id


def responses_flow(client: ResponsesClient | ResponsesAuthClient) -> None:
    words = "hello from the generated Python client"
    created = expect(
        responses_operations_create.sync(client=client, body=CreateResponse(model="echo", input_=words)),
        ResponseObject,
        "create",
    )
    if created.status != ResponseStatus.COMPLETED or output_text(created) != words:
        raise ProtocolError(f"create: status {created.status} text {output_text(created)!r}")
    print(f"created {created.id}: {words!r}")

    streamed_id = stream_response(client, "streamed by Python")

    got = expect(responses_operations_retrieve.sync(streamed_id, client=client), ResponseObject, "retrieve")
    if got.status != ResponseStatus.COMPLETED or output_text(got) != "streamed by Python":
        raise ProtocolError(f"retrieve: status {got.status} text {output_text(got)!r}")
    print(f"retrieved {streamed_id}")

    items = expect(
        responses_operations_list_input_items.sync(created.id, client=client), ResponseItemList, "input_items"
    )
    if len(items.data) != 1:
        raise ProtocolError(f"input_items: {len(items.data)} items, want 1")

    for response_id in (created.id, streamed_id):
        deleted = expect(responses_operations_delete.sync(response_id, client=client), DeletedResponse, "delete")
        if deleted.id != response_id or deleted.deleted is not True:
            raise ProtocolError(f"delete: {deleted.to_dict()}")
    gone = responses_operations_retrieve.sync_detailed(streamed_id, client=client)
    if gone.status_code != 404:
        raise ProtocolError(f"retrieve after delete: HTTP {gone.status_code}, want 404")
    envelope = expect(gone.parsed, ResponsesErrorEnvelope, "retrieve after delete")
    print(f"deleted both; retrieving again answers 404 {envelope.error.message!r}")


def history(client: AgentsClient | AgentsAuthClient, instance: str, session: str) -> list[str]:
    result = sessions_history.sync("echo", instance, session, client=client)
    found = expect(result, AgentSessionHistory, f"history {session}")
    lines = []
    for message in found.messages:
        if isinstance(message, AgentUserMessage):
            lines.append(f"user:{message.content}")
        elif isinstance(message, AgentAssistantMessage):
            lines.append(f"assistant:{message.content}")
        elif isinstance(message, AgentToolMessage):
            lines.append(f"tool:{message.content}")
    return lines


def agents_flow(client: AgentsClient | AgentsAuthClient) -> None:
    instance = f"py-{time.time_ns()}"
    for session, message in (
        ("alpha", "first words in alpha"),
        ("beta", "only words in beta"),
        ("alpha", "second words in alpha"),
    ):
        answer = expect(
            instances_prompt.sync(
                "echo", instance, client=client, body=AgentPromptRequest(message=message, session=session)
            ),
            AgentPromptResponse,
            f"prompt {session}",
        )
        if answer.result.text != message:
            raise ProtocolError(f"prompt {session}: result {answer.result.text!r}, want {message!r}")
        print(f"prompted echo/{instance} session {session}: {answer.result.text!r}")

    want = {
        "alpha": [
            "user:first words in alpha",
            "assistant:first words in alpha",
            "user:second words in alpha",
            "assistant:second words in alpha",
        ],
        "beta": ["user:only words in beta", "assistant:only words in beta"],
    }
    for session, expected in want.items():
        got = history(client, instance, session)
        if got != expected:
            raise ProtocolError(f"history {session}: got {got}, want {expected}")
    print("sessions alpha and beta hold independent histories")

    receipt = expect(
        dispatch_dispatch.sync(
            "echo",
            instance,
            client=client,
            body=AgentDispatchRequest(input_={"task": "index", "items": [1, 2, 3]}, session="jobs"),
        ),
        AgentDispatchReceipt,
        "dispatch",
    )
    print(f"dispatched {receipt.dispatch_id} at {receipt.accepted_at.isoformat()}")
    # The work runs in the background: the session's history shows it once it completed.
    deadline = time.monotonic() + 10
    while True:
        got = history(client, instance, "jobs")
        if len(got) >= 2:
            if not got[0].startswith("user:") or '"task":"index"' not in got[0] or not got[1].startswith("assistant:"):
                raise ProtocolError(f"dispatch history: {got}")
            print(f"the dispatched work ran: {got[1]!r}")
            return
        if time.monotonic() > deadline:
            raise ProtocolError(f"dispatch: session jobs still has history {got} after 10 s")
        time.sleep(0.1)


def responses_socket_flow(base_url: str, api_key: str | None) -> None:
    words = "hello socket"
    text, events = create_response_over_socket(base_url, "echo", words, api_key)
    if text != words:
        raise ProtocolError(f"responses socket: deltas join to {text!r}, want {words!r}")
    print(f"responses socket {events[0].response.id}: {len(events)} events numbered from 0, deltas {text!r}")


def agent_socket_flow(base_url: str, api_key: str | None) -> None:
    instance = f"py-ws-{time.time_ns()}"
    words = "hello over the Python agent socket"
    with AgentSocket(base_url, "echo", instance, api_key) as socket:
        if socket.ready.name != "echo" or socket.ready.instance_id != instance:
            raise ProtocolError(f"agent socket: ready {socket.ready.to_dict()}")
        result, events = socket.prompt(words)
    if result.text != words or text_deltas(events) != words:
        raise ProtocolError(f"agent socket: result {result.text!r}, deltas {text_deltas(events)!r}, want {words!r}")
    print(f"agent socket echo/{instance}: {len(events)} events, result {result.text!r}")


def workflow_flow(client: WorkflowsClient | WorkflowsAuthClient, base_url: str, api_key: str | None) -> None:
    answers = {"What is your name?": "Ada", "Pick a color": "green"}
    result, frames = run_workflow(
        client, base_url, "ask", lambda question: answers[question.content.prompt], api_key=api_key
    )
    kinds = [str(frame.type_) for frame in frames if str(frame.type_) != "keep_alive"]
    want = ["workflow_started", "text_message", "text_input", "multiple_choice", "text_message", "workflow_completed"]
    if result != "Ada:green" or kinds != want:
        raise ProtocolError(f"workflow ask: result {result!r}, frames {kinds}, want 'Ada:green' and {want}")
    print(f"workflow ask over the WebSocket: {len(kinds)} frames, result {result!r}")


def main() -> int:
    base_url = os.environ.get("SWITCHBOARD_URL", "http://127.0.0.1:8787")
    api_key = os.environ.get("SWITCHBOARD_API_KEY")
    timeout = httpx.Timeout(30.0)
    if api_key:
        responses_client: ResponsesClient | ResponsesAuthClient = ResponsesAuthClient(
            base_url=base_url, token=api_key, timeout=timeout
        )
        agents_client: AgentsClient | AgentsAuthClient = AgentsAuthClient(
            base_url=base_url, token=api_key, timeout=timeout
        )
        workflows_client: WorkflowsClient | WorkflowsAuthClient = WorkflowsAuthClient(
            base_url=base_url, token=api_key, timeout=timeout
        )
    else:
        responses_client = ResponsesClient(base_url=base_url, timeout=timeout)
        agents_client = AgentsClient(base_url=base_url, timeout=timeout)
        workflows_client = WorkflowsClient(base_url=base_url, timeout=timeout)
    try:
        with responses_client, agents_client, workflows_client:
            responses_flow(responses_client)
            responses_socket_flow(base_url, api_key)
            agents_flow(agents_client)
            agent_socket_flow(base_url, api_key)
            workflow_flow(workflows_client, base_url, api_key)
    except (ProtocolError, SocketProtocolError) as error:
        print(f"python client: FAIL: {error}", file=sys.stderr)
        return 1
    print("python client: all calls behaved as the OpenAPI documents say")
    return 0


if __name__ == "__main__":
    sys.exit(main())
