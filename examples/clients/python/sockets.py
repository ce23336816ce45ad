"""The WebSocket wires for the generated Python clients: a thin layer that carries the generated
models (see generated/) over the `websockets` library as JSON text frames.

- `AgentSocket`: the instance-agent socket (`GET /agents/{name}/{id}` upgraded, subprotocol
  `switchboard.v1`): `ready` first,
  then `prompt` frames out and `started`/`event`/`result`/`error` frames in, by `requestId`.
- `run_workflow`: the workflow protocol: `POST /workflows/initiate_workflow` through the generated
  HTTP client, then `/workflows/ws`: the initiate response as the first frame, the server's
  messages in, `input_response` frames out, until `workflow_completed`.
- `create_response_over_socket`: Responses WebSocket mode (`GET /v1/responses` upgraded): one
  `response.create` frame out, the response's events in until `response.completed`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Self

from switchboard_agents_client.models import (
    AgentErrorFrame,
    AgentEventFrame,
    AgentPromptFrame,
    AgentPromptFrameType,
    AgentPromptFrameVersion,
    AgentReadyFrame,
    AgentResult,
    AgentResultFrame,
    AgentSocketSubprotocol,
    AgentStartedFrame,
    AgentTextDeltaEvent,
)
from switchboard_responses_client.models import (
    ResponseCompletedWsEvent,
    ResponseContentPartAddedWsEvent,
    ResponseContentPartDoneWsEvent,
    ResponseCreatedWsEvent,
    ResponseCreateFrame,
    ResponseCreateFrameType,
    ResponseErrorWsEvent,
    ResponseFailedWsEvent,
    ResponseFunctionCallArgumentsDeltaWsEvent,
    ResponseFunctionCallArgumentsDoneWsEvent,
    ResponseIncompleteWsEvent,
    ResponseInProgressWsEvent,
    ResponseOutputItemAddedWsEvent,
    ResponseOutputItemDoneWsEvent,
    ResponsesSocketError,
    ResponseTextDeltaWsEvent,
    ResponseTextDoneWsEvent,
)
from switchboard_workflows_client import AuthenticatedClient as WorkflowsAuthClient
from switchboard_workflows_client import Client as WorkflowsClient
from switchboard_workflows_client.api.workflows import initiate_workflow
from switchboard_workflows_client.models import (
    WorkflowCompleted,
    WorkflowError,
    WorkflowFunctionCallExecution,
    WorkflowInitiateRequest,
    WorkflowInitiateResponse,
    WorkflowInputResponseFrame,
    WorkflowInputResponseFrameType,
    WorkflowKeepAlive,
    WorkflowMultipleChoice,
    WorkflowStarted,
    WorkflowSuggestedFunctionCall,
    WorkflowSystemMessage,
    WorkflowTextInput,
    WorkflowTextMessage,
)
from websockets.sync.client import ClientConnection, connect

# Both unions are discriminated by `type`; the generator emits the members, not a parser for the
# union of frames that no operation references, so they are dispatched here.
AGENT_FRAMES: dict[str, Any] = {
    "ready": AgentReadyFrame,
    "started": AgentStartedFrame,
    "event": AgentEventFrame,
    "result": AgentResultFrame,
    "error": AgentErrorFrame,
}
WORKFLOW_FRAMES: dict[str, Any] = {
    "workflow_started": WorkflowStarted,
    "text_message": WorkflowTextMessage,
    "suggested_function_call": WorkflowSuggestedFunctionCall,
    "function_call_execution": WorkflowFunctionCallExecution,
    "text_input": WorkflowTextInput,
    "multiple_choice": WorkflowMultipleChoice,
    "system_message": WorkflowSystemMessage,
    "keep_alive": WorkflowKeepAlive,
    "error": WorkflowError,
    "workflow_completed": WorkflowCompleted,
}
# Two frames share `type: "error"`: the refusal of a frame carries `status`, the flat one belongs
# to a running response; `_parse_responses` tells them apart.
RESPONSES_FRAMES: dict[str, Any] = {
    "response.created": ResponseCreatedWsEvent,
    "response.in_progress": ResponseInProgressWsEvent,
    "response.completed": ResponseCompletedWsEvent,
    "response.failed": ResponseFailedWsEvent,
    "response.incomplete": ResponseIncompleteWsEvent,
    "response.output_item.added": ResponseOutputItemAddedWsEvent,
    "response.output_item.done": ResponseOutputItemDoneWsEvent,
    "response.content_part.added": ResponseContentPartAddedWsEvent,
    "response.content_part.done": ResponseContentPartDoneWsEvent,
    "response.output_text.delta": ResponseTextDeltaWsEvent,
    "response.output_text.done": ResponseTextDoneWsEvent,
    "response.function_call_arguments.delta": ResponseFunctionCallArgumentsDeltaWsEvent,
    "response.function_call_arguments.done": ResponseFunctionCallArgumentsDoneWsEvent,
    "error": ResponseErrorWsEvent,
}


class SocketProtocolError(Exception):
    pass


def ws_url(base_url: str, path: str) -> str:
    """`http://host/prefix` + `/agents/…` → `ws://host/prefix/agents/…`."""
    return "ws" + base_url.rstrip("/").removeprefix("http") + path


def _headers(api_key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"} if api_key else {}


def _parse(raw: str | bytes, frames: dict[str, Any]) -> Any:
    if isinstance(raw, bytes):
        raise SocketProtocolError("expected a JSON text frame, got a binary one")
    data = json.loads(raw)
    kind = data.get("type") if isinstance(data, dict) else None
    if kind not in frames:
        raise SocketProtocolError(f"unknown frame {raw[:200]!r}")
    return frames[kind].from_dict(data)


class AgentSocket:
    """One socket to one agent instance; `ready` names the agent and instance it reached."""

    def __init__(self, base_url: str, name: str, instance: str, api_key: str | None = None, timeout: float = 30):
        self._timeout = timeout
        # switchboard.v1 opts into the framing with `ready` and request ids (pyflue's is the default).
        self._ws: ClientConnection = connect(
            ws_url(base_url, f"/agents/{name}/{instance}"),
            additional_headers=_headers(api_key),
            subprotocols=[AgentSocketSubprotocol.SWITCHBOARD_V1],  # type: ignore[list-item]
            open_timeout=timeout,
        )
        first = _parse(self._ws.recv(timeout=timeout), AGENT_FRAMES)
        if not isinstance(first, AgentReadyFrame):
            raise SocketProtocolError(f"first frame is {first.type_}, want ready")
        self.ready = first
        self._next = 1

    def prompt(self, message: str, session: str | None = None) -> tuple[AgentResult, list[AgentEventFrame]]:
        """Sends a prompt and reads its frames until its result; returns it and its events."""
        request_id = f"py-{self._next}"
        self._next += 1
        frame = AgentPromptFrame(
            type_=AgentPromptFrameType.PROMPT,
            version=AgentPromptFrameVersion.VALUE_1,
            request_id=request_id,
            message=message,
        )
        if session is not None:
            frame.session = session
        self._ws.send(json.dumps(frame.to_dict()))
        events: list[AgentEventFrame] = []
        while True:
            got = _parse(self._ws.recv(timeout=self._timeout), AGENT_FRAMES)
            if isinstance(got, AgentErrorFrame):
                raise SocketProtocolError(f"error frame: {got.error.type_} {got.error.message}")
            if getattr(got, "request_id", request_id) != request_id:
                raise SocketProtocolError(f"{got.type_} frame for {got.request_id!r}, want {request_id!r}")
            if isinstance(got, AgentEventFrame):
                events.append(got)
            elif isinstance(got, AgentResultFrame):
                return got.result, events

    def close(self) -> None:
        self._ws.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def text_deltas(events: list[AgentEventFrame]) -> str:
    return "".join(e.event.text for e in events if isinstance(e.event, AgentTextDeltaEvent))


Answer = Callable[[WorkflowTextInput | WorkflowMultipleChoice], str | list[str]]


def run_workflow(
    client: WorkflowsClient | WorkflowsAuthClient,
    base_url: str,
    name: str,
    answer: Answer,
    params: dict[str, Any] | None = None,
    api_key: str | None = None,
    timeout: float = 30,
) -> tuple[str | None, list[Any]]:
    """Prepares a run, connects, answers each question; returns the result and every frame."""
    body = WorkflowInitiateRequest.from_dict({"workflow_name": name, "params": params or {}})
    prepared = initiate_workflow.sync(client=client, body=body)
    if not isinstance(prepared, WorkflowInitiateResponse):
        detail = prepared.to_dict() if hasattr(prepared, "to_dict") else prepared
        raise SocketProtocolError(f"initiate_workflow: {detail}")
    frames: list[Any] = []
    url = ws_url(base_url, "/workflows/ws")
    with connect(url, additional_headers=_headers(api_key), open_timeout=timeout) as ws:
        # The initiate response, unchanged, is the init frame.
        ws.send(json.dumps(prepared.to_dict()))
        while True:
            frame = _parse(ws.recv(timeout=timeout), WORKFLOW_FRAMES)
            frames.append(frame)
            if isinstance(frame, WorkflowError):
                raise SocketProtocolError(f"error frame: {frame.content.to_dict()}")
            if isinstance(frame, (WorkflowTextInput, WorkflowMultipleChoice)):
                reply = WorkflowInputResponseFrame(
                    type_=WorkflowInputResponseFrameType.INPUT_RESPONSE,
                    question_uuid=frame.uuid,
                    msg=answer(frame),
                )
                ws.send(json.dumps(reply.to_dict()))
            if isinstance(frame, WorkflowCompleted):
                return frame.content.result, frames


def _parse_responses(raw: str | bytes) -> Any:
    data = json.loads(raw) if isinstance(raw, str) else None
    if isinstance(data, dict) and data.get("type") == "error" and "status" in data:
        return ResponsesSocketError.from_dict(data)
    return _parse(raw, RESPONSES_FRAMES)


def create_response_over_socket(
    base_url: str, model: str, words: str, api_key: str | None = None, timeout: float = 30
) -> tuple[str, list[Any]]:
    """Sends one `response.create` frame; checks that `sequence_number` counts from 0 and returns
    the joined `response.output_text.delta` text and every event up to `response.completed`."""
    frame = ResponseCreateFrame(type_=ResponseCreateFrameType.RESPONSE_CREATE, model=model, input_=words)
    url = ws_url(base_url, "/v1/responses")
    events: list[Any] = []
    with connect(url, additional_headers=_headers(api_key), open_timeout=timeout) as ws:
        ws.send(json.dumps(frame.to_dict()))
        while True:
            event = _parse_responses(ws.recv(timeout=timeout))
            if isinstance(event, ResponsesSocketError):
                raise SocketProtocolError(f"refused: {event.status} {event.error.message}")
            if isinstance(event, ResponseErrorWsEvent):
                raise SocketProtocolError(f"error event: {event.message}")
            if event.sequence_number != len(events):
                raise SocketProtocolError(
                    f"{event.type_} has sequence_number {event.sequence_number}, want {len(events)}"
                )
            events.append(event)
            if isinstance(event, (ResponseFailedWsEvent, ResponseIncompleteWsEvent)):
                raise SocketProtocolError(f"response ended with {event.type_}")
            if isinstance(event, ResponseCompletedWsEvent):
                text = "".join(e.delta for e in events if isinstance(e, ResponseTextDeltaWsEvent))
                return text, events
