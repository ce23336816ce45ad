from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_error_response import AgentErrorResponse
from ...models.instances_connect_connection import InstancesConnectConnection
from ...models.instances_connect_sec_web_socket_version import (
    InstancesConnectSecWebSocketVersion,
)
from ...models.instances_connect_upgrade import InstancesConnectUpgrade
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    id: str,
    *,
    upgrade: InstancesConnectUpgrade,
    connection: InstancesConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: InstancesConnectSecWebSocketVersion,
    sec_web_socket_protocol: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["upgrade"] = str(upgrade)

    headers["connection"] = str(connection)

    headers["Sec-WebSocket-Key"] = sec_web_socket_key

    headers["Sec-WebSocket-Version"] = str(sec_web_socket_version)

    if not isinstance(sec_web_socket_protocol, Unset):
        headers["Sec-WebSocket-Protocol"] = sec_web_socket_protocol

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/agents/{name}/{id}".format(
            name=quote(str(name), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentErrorResponse | Any | None:
    if response.status_code == 101:
        response_101 = cast(Any, None)
        return response_101

    if response.status_code == 400:
        response_400 = AgentErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = AgentErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = AgentErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = AgentErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 426:
        response_426 = AgentErrorResponse.from_dict(response.json())

        return response_426

    if response.status_code == 429:
        response_429 = AgentErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = AgentErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = AgentErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AgentErrorResponse | Any]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    upgrade: InstancesConnectUpgrade,
    connection: InstancesConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: InstancesConnectSecWebSocketVersion,
    sec_web_socket_protocol: str | Unset = UNSET,
) -> Response[AgentErrorResponse | Any]:
    """Open a WebSocket to an agent instance

     Opens a WebSocket to the agent instance (RFC 6455 upgrade). Authorization (401/403) and the
    agent's existence (404) are checked before the handshake completes; a refusal is a plain HTTP
    response with the error envelope. Each prompt frame's session is checked again and refused
    with an `error` frame `forbidden`.

    Two framings, chosen at the handshake:
    - pyflue's (the default, a client that offers no subprotocol): the server sends nothing on
    open and answers each `prompt` frame with exactly one frame, `result` or `error`, in the
    order the prompts arrived; prompts run one after another. `abort` and `ping` frames are
    answered as below.
    - Switchboard's (the client offers the subprotocol `switchboard.v1`, the server selects it):
    the server sends `ready`, then a prompt is answered by `started`, `event`*, then `result`
    or `error`, all carrying its `requestId`; prompts with distinct `requestId`s run
    concurrently.
    Client frames are `AgentClientFrame` (JSON text frames), server frames `AgentServerFrame`,
    each carrying `version: 1`. A malformed frame is answered with an `error` frame and the socket stays
    open; a binary frame
    closes the socket with 1003; a frame over the size limit (1 MiB by default) closes it with
    1009. Closing the socket aborts its running prompts.

    A plain `GET` without the upgrade headers answers 426 `upgrade_required`; a malformed
    handshake (an `Upgrade` other than `websocket`, a `Sec-WebSocket-Key` that is not a base64
    16-byte nonce, a version other than 13) answers 400 `validation_failed` naming the header.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        upgrade (InstancesConnectUpgrade):
        connection (InstancesConnectConnection):
        sec_web_socket_key (str):
        sec_web_socket_version (InstancesConnectSecWebSocketVersion):
        sec_web_socket_protocol (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentErrorResponse | Any]
    """

    kwargs = _get_kwargs(
        name=name,
        id=id,
        upgrade=upgrade,
        connection=connection,
        sec_web_socket_key=sec_web_socket_key,
        sec_web_socket_version=sec_web_socket_version,
        sec_web_socket_protocol=sec_web_socket_protocol,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    upgrade: InstancesConnectUpgrade,
    connection: InstancesConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: InstancesConnectSecWebSocketVersion,
    sec_web_socket_protocol: str | Unset = UNSET,
) -> AgentErrorResponse | Any | None:
    """Open a WebSocket to an agent instance

     Opens a WebSocket to the agent instance (RFC 6455 upgrade). Authorization (401/403) and the
    agent's existence (404) are checked before the handshake completes; a refusal is a plain HTTP
    response with the error envelope. Each prompt frame's session is checked again and refused
    with an `error` frame `forbidden`.

    Two framings, chosen at the handshake:
    - pyflue's (the default, a client that offers no subprotocol): the server sends nothing on
    open and answers each `prompt` frame with exactly one frame, `result` or `error`, in the
    order the prompts arrived; prompts run one after another. `abort` and `ping` frames are
    answered as below.
    - Switchboard's (the client offers the subprotocol `switchboard.v1`, the server selects it):
    the server sends `ready`, then a prompt is answered by `started`, `event`*, then `result`
    or `error`, all carrying its `requestId`; prompts with distinct `requestId`s run
    concurrently.
    Client frames are `AgentClientFrame` (JSON text frames), server frames `AgentServerFrame`,
    each carrying `version: 1`. A malformed frame is answered with an `error` frame and the socket stays
    open; a binary frame
    closes the socket with 1003; a frame over the size limit (1 MiB by default) closes it with
    1009. Closing the socket aborts its running prompts.

    A plain `GET` without the upgrade headers answers 426 `upgrade_required`; a malformed
    handshake (an `Upgrade` other than `websocket`, a `Sec-WebSocket-Key` that is not a base64
    16-byte nonce, a version other than 13) answers 400 `validation_failed` naming the header.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        upgrade (InstancesConnectUpgrade):
        connection (InstancesConnectConnection):
        sec_web_socket_key (str):
        sec_web_socket_version (InstancesConnectSecWebSocketVersion):
        sec_web_socket_protocol (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentErrorResponse | Any
    """

    return sync_detailed(
        name=name,
        id=id,
        client=client,
        upgrade=upgrade,
        connection=connection,
        sec_web_socket_key=sec_web_socket_key,
        sec_web_socket_version=sec_web_socket_version,
        sec_web_socket_protocol=sec_web_socket_protocol,
    ).parsed


async def asyncio_detailed(
    name: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    upgrade: InstancesConnectUpgrade,
    connection: InstancesConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: InstancesConnectSecWebSocketVersion,
    sec_web_socket_protocol: str | Unset = UNSET,
) -> Response[AgentErrorResponse | Any]:
    """Open a WebSocket to an agent instance

     Opens a WebSocket to the agent instance (RFC 6455 upgrade). Authorization (401/403) and the
    agent's existence (404) are checked before the handshake completes; a refusal is a plain HTTP
    response with the error envelope. Each prompt frame's session is checked again and refused
    with an `error` frame `forbidden`.

    Two framings, chosen at the handshake:
    - pyflue's (the default, a client that offers no subprotocol): the server sends nothing on
    open and answers each `prompt` frame with exactly one frame, `result` or `error`, in the
    order the prompts arrived; prompts run one after another. `abort` and `ping` frames are
    answered as below.
    - Switchboard's (the client offers the subprotocol `switchboard.v1`, the server selects it):
    the server sends `ready`, then a prompt is answered by `started`, `event`*, then `result`
    or `error`, all carrying its `requestId`; prompts with distinct `requestId`s run
    concurrently.
    Client frames are `AgentClientFrame` (JSON text frames), server frames `AgentServerFrame`,
    each carrying `version: 1`. A malformed frame is answered with an `error` frame and the socket stays
    open; a binary frame
    closes the socket with 1003; a frame over the size limit (1 MiB by default) closes it with
    1009. Closing the socket aborts its running prompts.

    A plain `GET` without the upgrade headers answers 426 `upgrade_required`; a malformed
    handshake (an `Upgrade` other than `websocket`, a `Sec-WebSocket-Key` that is not a base64
    16-byte nonce, a version other than 13) answers 400 `validation_failed` naming the header.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        upgrade (InstancesConnectUpgrade):
        connection (InstancesConnectConnection):
        sec_web_socket_key (str):
        sec_web_socket_version (InstancesConnectSecWebSocketVersion):
        sec_web_socket_protocol (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentErrorResponse | Any]
    """

    kwargs = _get_kwargs(
        name=name,
        id=id,
        upgrade=upgrade,
        connection=connection,
        sec_web_socket_key=sec_web_socket_key,
        sec_web_socket_version=sec_web_socket_version,
        sec_web_socket_protocol=sec_web_socket_protocol,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    upgrade: InstancesConnectUpgrade,
    connection: InstancesConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: InstancesConnectSecWebSocketVersion,
    sec_web_socket_protocol: str | Unset = UNSET,
) -> AgentErrorResponse | Any | None:
    """Open a WebSocket to an agent instance

     Opens a WebSocket to the agent instance (RFC 6455 upgrade). Authorization (401/403) and the
    agent's existence (404) are checked before the handshake completes; a refusal is a plain HTTP
    response with the error envelope. Each prompt frame's session is checked again and refused
    with an `error` frame `forbidden`.

    Two framings, chosen at the handshake:
    - pyflue's (the default, a client that offers no subprotocol): the server sends nothing on
    open and answers each `prompt` frame with exactly one frame, `result` or `error`, in the
    order the prompts arrived; prompts run one after another. `abort` and `ping` frames are
    answered as below.
    - Switchboard's (the client offers the subprotocol `switchboard.v1`, the server selects it):
    the server sends `ready`, then a prompt is answered by `started`, `event`*, then `result`
    or `error`, all carrying its `requestId`; prompts with distinct `requestId`s run
    concurrently.
    Client frames are `AgentClientFrame` (JSON text frames), server frames `AgentServerFrame`,
    each carrying `version: 1`. A malformed frame is answered with an `error` frame and the socket stays
    open; a binary frame
    closes the socket with 1003; a frame over the size limit (1 MiB by default) closes it with
    1009. Closing the socket aborts its running prompts.

    A plain `GET` without the upgrade headers answers 426 `upgrade_required`; a malformed
    handshake (an `Upgrade` other than `websocket`, a `Sec-WebSocket-Key` that is not a base64
    16-byte nonce, a version other than 13) answers 400 `validation_failed` naming the header.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        upgrade (InstancesConnectUpgrade):
        connection (InstancesConnectConnection):
        sec_web_socket_key (str):
        sec_web_socket_version (InstancesConnectSecWebSocketVersion):
        sec_web_socket_protocol (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentErrorResponse | Any
    """

    return (
        await asyncio_detailed(
            name=name,
            id=id,
            client=client,
            upgrade=upgrade,
            connection=connection,
            sec_web_socket_key=sec_web_socket_key,
            sec_web_socket_version=sec_web_socket_version,
            sec_web_socket_protocol=sec_web_socket_protocol,
        )
    ).parsed
