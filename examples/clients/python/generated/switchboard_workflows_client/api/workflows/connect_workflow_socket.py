from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.connect_workflow_socket_sec_web_socket_version import (
    ConnectWorkflowSocketSecWebSocketVersion,
)
from ...models.connect_workflow_socket_upgrade import ConnectWorkflowSocketUpgrade
from ...models.workflow_error_envelope import WorkflowErrorEnvelope
from ...types import Response


def _get_kwargs(
    *,
    upgrade: ConnectWorkflowSocketUpgrade,
    connection: str,
    sec_web_socket_key: str,
    sec_web_socket_version: ConnectWorkflowSocketSecWebSocketVersion,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["upgrade"] = str(upgrade)

    headers["connection"] = connection

    headers["Sec-WebSocket-Key"] = sec_web_socket_key

    headers["Sec-WebSocket-Version"] = str(sec_web_socket_version)

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/ws",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | WorkflowErrorEnvelope:
    if response.status_code == 101:
        response_101 = cast(Any, None)
        return response_101

    if response.status_code == 400:
        response_400 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 426:
        response_426 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_426

    if response.status_code == 429:
        response_429 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = WorkflowErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | WorkflowErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    upgrade: ConnectWorkflowSocketUpgrade,
    connection: str,
    sec_web_socket_key: str,
    sec_web_socket_version: ConnectWorkflowSocketSecWebSocketVersion,
) -> Response[Any | WorkflowErrorEnvelope]:
    """Open the workflow WebSocket

     Opens the run's WebSocket (RFC 6455 handshake). A malformed handshake (an `Upgrade` other than
    `websocket`, a `Sec-WebSocket-Key` that is not a base64 16-byte nonce, a version other than 13)
    is a 400 `validation_failed` naming the header. Authentication and the authorization hook are
    checked before the upgrade, and so is a browser's `Origin` (the server's own origin or one it
    allows, else 403); a refusal is a plain HTTP response in the error envelope. After 101
    the frames are described by the `WorkflowClientFrame` and `WorkflowServerFrame` schemas (and by
    the AsyncAPI document `workflows.asyncapi.yaml`): the client's first text frame is a
    `WorkflowInitFrame` (new run) or a `WorkflowResumeFrame` (re-attach); the server answers with
    `workflow_started` (new run) or the replay (resume), then streams IOMessages. The client
    answers `text_input` and `multiple_choice` questions with a raw text frame or a
    `WorkflowInputResponseFrame`. An init or resume frame that has not arrived within the init
    timeout (10 s by default) gets an `error` frame `init_timeout` and close 1008. While attached, the
    server sends `keep_alive` every 15 s by
    default. A run ends with `workflow_completed` then close 1000 (a failed run sends an `error`
    frame first); a run the server abandons ends with an `error` frame then close 1011. Closing the
    socket does not end the run: it waits for a `resume` during the grace
    period (60 s by default).

    Args:
        upgrade (ConnectWorkflowSocketUpgrade):
        connection (str):
        sec_web_socket_key (str):
        sec_web_socket_version (ConnectWorkflowSocketSecWebSocketVersion):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | WorkflowErrorEnvelope]
    """

    kwargs = _get_kwargs(
        upgrade=upgrade,
        connection=connection,
        sec_web_socket_key=sec_web_socket_key,
        sec_web_socket_version=sec_web_socket_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    upgrade: ConnectWorkflowSocketUpgrade,
    connection: str,
    sec_web_socket_key: str,
    sec_web_socket_version: ConnectWorkflowSocketSecWebSocketVersion,
) -> Any | WorkflowErrorEnvelope | None:
    """Open the workflow WebSocket

     Opens the run's WebSocket (RFC 6455 handshake). A malformed handshake (an `Upgrade` other than
    `websocket`, a `Sec-WebSocket-Key` that is not a base64 16-byte nonce, a version other than 13)
    is a 400 `validation_failed` naming the header. Authentication and the authorization hook are
    checked before the upgrade, and so is a browser's `Origin` (the server's own origin or one it
    allows, else 403); a refusal is a plain HTTP response in the error envelope. After 101
    the frames are described by the `WorkflowClientFrame` and `WorkflowServerFrame` schemas (and by
    the AsyncAPI document `workflows.asyncapi.yaml`): the client's first text frame is a
    `WorkflowInitFrame` (new run) or a `WorkflowResumeFrame` (re-attach); the server answers with
    `workflow_started` (new run) or the replay (resume), then streams IOMessages. The client
    answers `text_input` and `multiple_choice` questions with a raw text frame or a
    `WorkflowInputResponseFrame`. An init or resume frame that has not arrived within the init
    timeout (10 s by default) gets an `error` frame `init_timeout` and close 1008. While attached, the
    server sends `keep_alive` every 15 s by
    default. A run ends with `workflow_completed` then close 1000 (a failed run sends an `error`
    frame first); a run the server abandons ends with an `error` frame then close 1011. Closing the
    socket does not end the run: it waits for a `resume` during the grace
    period (60 s by default).

    Args:
        upgrade (ConnectWorkflowSocketUpgrade):
        connection (str):
        sec_web_socket_key (str):
        sec_web_socket_version (ConnectWorkflowSocketSecWebSocketVersion):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | WorkflowErrorEnvelope
    """

    return sync_detailed(
        client=client,
        upgrade=upgrade,
        connection=connection,
        sec_web_socket_key=sec_web_socket_key,
        sec_web_socket_version=sec_web_socket_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    upgrade: ConnectWorkflowSocketUpgrade,
    connection: str,
    sec_web_socket_key: str,
    sec_web_socket_version: ConnectWorkflowSocketSecWebSocketVersion,
) -> Response[Any | WorkflowErrorEnvelope]:
    """Open the workflow WebSocket

     Opens the run's WebSocket (RFC 6455 handshake). A malformed handshake (an `Upgrade` other than
    `websocket`, a `Sec-WebSocket-Key` that is not a base64 16-byte nonce, a version other than 13)
    is a 400 `validation_failed` naming the header. Authentication and the authorization hook are
    checked before the upgrade, and so is a browser's `Origin` (the server's own origin or one it
    allows, else 403); a refusal is a plain HTTP response in the error envelope. After 101
    the frames are described by the `WorkflowClientFrame` and `WorkflowServerFrame` schemas (and by
    the AsyncAPI document `workflows.asyncapi.yaml`): the client's first text frame is a
    `WorkflowInitFrame` (new run) or a `WorkflowResumeFrame` (re-attach); the server answers with
    `workflow_started` (new run) or the replay (resume), then streams IOMessages. The client
    answers `text_input` and `multiple_choice` questions with a raw text frame or a
    `WorkflowInputResponseFrame`. An init or resume frame that has not arrived within the init
    timeout (10 s by default) gets an `error` frame `init_timeout` and close 1008. While attached, the
    server sends `keep_alive` every 15 s by
    default. A run ends with `workflow_completed` then close 1000 (a failed run sends an `error`
    frame first); a run the server abandons ends with an `error` frame then close 1011. Closing the
    socket does not end the run: it waits for a `resume` during the grace
    period (60 s by default).

    Args:
        upgrade (ConnectWorkflowSocketUpgrade):
        connection (str):
        sec_web_socket_key (str):
        sec_web_socket_version (ConnectWorkflowSocketSecWebSocketVersion):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | WorkflowErrorEnvelope]
    """

    kwargs = _get_kwargs(
        upgrade=upgrade,
        connection=connection,
        sec_web_socket_key=sec_web_socket_key,
        sec_web_socket_version=sec_web_socket_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    upgrade: ConnectWorkflowSocketUpgrade,
    connection: str,
    sec_web_socket_key: str,
    sec_web_socket_version: ConnectWorkflowSocketSecWebSocketVersion,
) -> Any | WorkflowErrorEnvelope | None:
    """Open the workflow WebSocket

     Opens the run's WebSocket (RFC 6455 handshake). A malformed handshake (an `Upgrade` other than
    `websocket`, a `Sec-WebSocket-Key` that is not a base64 16-byte nonce, a version other than 13)
    is a 400 `validation_failed` naming the header. Authentication and the authorization hook are
    checked before the upgrade, and so is a browser's `Origin` (the server's own origin or one it
    allows, else 403); a refusal is a plain HTTP response in the error envelope. After 101
    the frames are described by the `WorkflowClientFrame` and `WorkflowServerFrame` schemas (and by
    the AsyncAPI document `workflows.asyncapi.yaml`): the client's first text frame is a
    `WorkflowInitFrame` (new run) or a `WorkflowResumeFrame` (re-attach); the server answers with
    `workflow_started` (new run) or the replay (resume), then streams IOMessages. The client
    answers `text_input` and `multiple_choice` questions with a raw text frame or a
    `WorkflowInputResponseFrame`. An init or resume frame that has not arrived within the init
    timeout (10 s by default) gets an `error` frame `init_timeout` and close 1008. While attached, the
    server sends `keep_alive` every 15 s by
    default. A run ends with `workflow_completed` then close 1000 (a failed run sends an `error`
    frame first); a run the server abandons ends with an `error` frame then close 1011. Closing the
    socket does not end the run: it waits for a `resume` during the grace
    period (60 s by default).

    Args:
        upgrade (ConnectWorkflowSocketUpgrade):
        connection (str):
        sec_web_socket_key (str):
        sec_web_socket_version (ConnectWorkflowSocketSecWebSocketVersion):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | WorkflowErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            upgrade=upgrade,
            connection=connection,
            sec_web_socket_key=sec_web_socket_key,
            sec_web_socket_version=sec_web_socket_version,
        )
    ).parsed
