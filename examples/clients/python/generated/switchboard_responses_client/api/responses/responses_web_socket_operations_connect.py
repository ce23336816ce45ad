from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...models.responses_web_socket_operations_connect_connection import (
    ResponsesWebSocketOperationsConnectConnection,
)
from ...models.responses_web_socket_operations_connect_sec_web_socket_version import (
    ResponsesWebSocketOperationsConnectSecWebSocketVersion,
)
from ...models.responses_web_socket_operations_connect_upgrade import (
    ResponsesWebSocketOperationsConnectUpgrade,
)
from ...types import Response


def _get_kwargs(
    *,
    upgrade: ResponsesWebSocketOperationsConnectUpgrade,
    connection: ResponsesWebSocketOperationsConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: ResponsesWebSocketOperationsConnectSecWebSocketVersion,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["upgrade"] = str(upgrade)

    headers["connection"] = str(connection)

    headers["Sec-WebSocket-Key"] = sec_web_socket_key

    headers["Sec-WebSocket-Version"] = str(sec_web_socket_version)

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/responses",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ResponsesErrorEnvelope | None:
    if response.status_code == 101:
        response_101 = cast(Any, None)
        return response_101

    if response.status_code == 400:
        response_400 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 426:
        response_426 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_426

    if response.status_code == 429:
        response_429 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ResponsesErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    upgrade: ResponsesWebSocketOperationsConnectUpgrade,
    connection: ResponsesWebSocketOperationsConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: ResponsesWebSocketOperationsConnectSecWebSocketVersion,
) -> Response[Any | ResponsesErrorEnvelope]:
    """Open a Responses WebSocket (WebSocket mode)

     WebSocket mode (RFC 6455 upgrade). The API key is checked before the handshake completes
    (401 in the error envelope), as for every HTTP route; browsers may pass it as
    `?access_token=`. Once open, the client sends `response.create` frames
    (`ResponsesClientFrame`) and the server streams back each response's events
    (`ResponsesServerFrame`, see the AsyncAPI document `responses.asyncapi.yaml`). A refused frame
    is answered with an `error` event and the socket stays open; a binary frame closes it with
    1003, a frame over the size limit (1 MiB by default) with 1009. Closing the socket aborts its
    running responses; stored ones are recorded as `cancelled`.

    A plain `GET` without the upgrade headers answers 426 `upgrade_required`; a malformed
    handshake answers 400 naming the header.

    Args:
        upgrade (ResponsesWebSocketOperationsConnectUpgrade):
        connection (ResponsesWebSocketOperationsConnectConnection):
        sec_web_socket_key (str):
        sec_web_socket_version (ResponsesWebSocketOperationsConnectSecWebSocketVersion):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ResponsesErrorEnvelope]
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
    upgrade: ResponsesWebSocketOperationsConnectUpgrade,
    connection: ResponsesWebSocketOperationsConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: ResponsesWebSocketOperationsConnectSecWebSocketVersion,
) -> Any | ResponsesErrorEnvelope | None:
    """Open a Responses WebSocket (WebSocket mode)

     WebSocket mode (RFC 6455 upgrade). The API key is checked before the handshake completes
    (401 in the error envelope), as for every HTTP route; browsers may pass it as
    `?access_token=`. Once open, the client sends `response.create` frames
    (`ResponsesClientFrame`) and the server streams back each response's events
    (`ResponsesServerFrame`, see the AsyncAPI document `responses.asyncapi.yaml`). A refused frame
    is answered with an `error` event and the socket stays open; a binary frame closes it with
    1003, a frame over the size limit (1 MiB by default) with 1009. Closing the socket aborts its
    running responses; stored ones are recorded as `cancelled`.

    A plain `GET` without the upgrade headers answers 426 `upgrade_required`; a malformed
    handshake answers 400 naming the header.

    Args:
        upgrade (ResponsesWebSocketOperationsConnectUpgrade):
        connection (ResponsesWebSocketOperationsConnectConnection):
        sec_web_socket_key (str):
        sec_web_socket_version (ResponsesWebSocketOperationsConnectSecWebSocketVersion):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ResponsesErrorEnvelope
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
    upgrade: ResponsesWebSocketOperationsConnectUpgrade,
    connection: ResponsesWebSocketOperationsConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: ResponsesWebSocketOperationsConnectSecWebSocketVersion,
) -> Response[Any | ResponsesErrorEnvelope]:
    """Open a Responses WebSocket (WebSocket mode)

     WebSocket mode (RFC 6455 upgrade). The API key is checked before the handshake completes
    (401 in the error envelope), as for every HTTP route; browsers may pass it as
    `?access_token=`. Once open, the client sends `response.create` frames
    (`ResponsesClientFrame`) and the server streams back each response's events
    (`ResponsesServerFrame`, see the AsyncAPI document `responses.asyncapi.yaml`). A refused frame
    is answered with an `error` event and the socket stays open; a binary frame closes it with
    1003, a frame over the size limit (1 MiB by default) with 1009. Closing the socket aborts its
    running responses; stored ones are recorded as `cancelled`.

    A plain `GET` without the upgrade headers answers 426 `upgrade_required`; a malformed
    handshake answers 400 naming the header.

    Args:
        upgrade (ResponsesWebSocketOperationsConnectUpgrade):
        connection (ResponsesWebSocketOperationsConnectConnection):
        sec_web_socket_key (str):
        sec_web_socket_version (ResponsesWebSocketOperationsConnectSecWebSocketVersion):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ResponsesErrorEnvelope]
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
    upgrade: ResponsesWebSocketOperationsConnectUpgrade,
    connection: ResponsesWebSocketOperationsConnectConnection,
    sec_web_socket_key: str,
    sec_web_socket_version: ResponsesWebSocketOperationsConnectSecWebSocketVersion,
) -> Any | ResponsesErrorEnvelope | None:
    """Open a Responses WebSocket (WebSocket mode)

     WebSocket mode (RFC 6455 upgrade). The API key is checked before the handshake completes
    (401 in the error envelope), as for every HTTP route; browsers may pass it as
    `?access_token=`. Once open, the client sends `response.create` frames
    (`ResponsesClientFrame`) and the server streams back each response's events
    (`ResponsesServerFrame`, see the AsyncAPI document `responses.asyncapi.yaml`). A refused frame
    is answered with an `error` event and the socket stays open; a binary frame closes it with
    1003, a frame over the size limit (1 MiB by default) with 1009. Closing the socket aborts its
    running responses; stored ones are recorded as `cancelled`.

    A plain `GET` without the upgrade headers answers 426 `upgrade_required`; a malformed
    handshake answers 400 naming the header.

    Args:
        upgrade (ResponsesWebSocketOperationsConnectUpgrade):
        connection (ResponsesWebSocketOperationsConnectConnection):
        sec_web_socket_key (str):
        sec_web_socket_version (ResponsesWebSocketOperationsConnectSecWebSocketVersion):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ResponsesErrorEnvelope
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
