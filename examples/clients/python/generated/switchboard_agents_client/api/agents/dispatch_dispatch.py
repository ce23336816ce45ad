from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_dispatch_receipt import AgentDispatchReceipt
from ...models.agent_dispatch_request import AgentDispatchRequest
from ...models.agent_error_response import AgentErrorResponse
from ...types import Response


def _get_kwargs(
    name: str,
    id: str,
    *,
    body: AgentDispatchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/agents/{name}/{id}/dispatch".format(
            name=quote(str(name), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentDispatchReceipt | AgentErrorResponse | None:
    if response.status_code == 202:
        response_202 = AgentDispatchReceipt.from_dict(response.json())

        return response_202

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

    if response.status_code == 413:
        response_413 = AgentErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = AgentErrorResponse.from_dict(response.json())

        return response_415

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
) -> Response[AgentDispatchReceipt | AgentErrorResponse]:
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
    body: AgentDispatchRequest,
) -> Response[AgentDispatchReceipt | AgentErrorResponse]:
    """Dispatch background work to an agent instance

     Accepts background work for the agent instance and answers 202 with a receipt at once, after
    checking authorization (401/403), the agent's existence (404) and the body (400).

    The agent then processes the work in `session` (default `"default"`) as a prompt whose user
    message is `input` serialized as JSON (the agent's factory also receives `input` as its
    payload); its messages are appended to the session's history. When a prompt is attached to the
    session the work waits for it to finish rather than failing with `session_busy`. A run that
    fails is retried with backoff a few times; one stopped by the session abort route is not.

    Work is admitted in memory unless the server is configured with a durable queue, in which
    case accepted work survives a restart and completes once per `dispatchId`. Sending a
    `dispatchId` makes the call idempotent: repeating it answers the first receipt again.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        body (AgentDispatchRequest): Work handed to an agent instance to process in the
            background. Unknown fields are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentDispatchReceipt | AgentErrorResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        id=id,
        body=body,
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
    body: AgentDispatchRequest,
) -> AgentDispatchReceipt | AgentErrorResponse | None:
    """Dispatch background work to an agent instance

     Accepts background work for the agent instance and answers 202 with a receipt at once, after
    checking authorization (401/403), the agent's existence (404) and the body (400).

    The agent then processes the work in `session` (default `"default"`) as a prompt whose user
    message is `input` serialized as JSON (the agent's factory also receives `input` as its
    payload); its messages are appended to the session's history. When a prompt is attached to the
    session the work waits for it to finish rather than failing with `session_busy`. A run that
    fails is retried with backoff a few times; one stopped by the session abort route is not.

    Work is admitted in memory unless the server is configured with a durable queue, in which
    case accepted work survives a restart and completes once per `dispatchId`. Sending a
    `dispatchId` makes the call idempotent: repeating it answers the first receipt again.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        body (AgentDispatchRequest): Work handed to an agent instance to process in the
            background. Unknown fields are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentDispatchReceipt | AgentErrorResponse
    """

    return sync_detailed(
        name=name,
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AgentDispatchRequest,
) -> Response[AgentDispatchReceipt | AgentErrorResponse]:
    """Dispatch background work to an agent instance

     Accepts background work for the agent instance and answers 202 with a receipt at once, after
    checking authorization (401/403), the agent's existence (404) and the body (400).

    The agent then processes the work in `session` (default `"default"`) as a prompt whose user
    message is `input` serialized as JSON (the agent's factory also receives `input` as its
    payload); its messages are appended to the session's history. When a prompt is attached to the
    session the work waits for it to finish rather than failing with `session_busy`. A run that
    fails is retried with backoff a few times; one stopped by the session abort route is not.

    Work is admitted in memory unless the server is configured with a durable queue, in which
    case accepted work survives a restart and completes once per `dispatchId`. Sending a
    `dispatchId` makes the call idempotent: repeating it answers the first receipt again.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        body (AgentDispatchRequest): Work handed to an agent instance to process in the
            background. Unknown fields are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentDispatchReceipt | AgentErrorResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AgentDispatchRequest,
) -> AgentDispatchReceipt | AgentErrorResponse | None:
    """Dispatch background work to an agent instance

     Accepts background work for the agent instance and answers 202 with a receipt at once, after
    checking authorization (401/403), the agent's existence (404) and the body (400).

    The agent then processes the work in `session` (default `"default"`) as a prompt whose user
    message is `input` serialized as JSON (the agent's factory also receives `input` as its
    payload); its messages are appended to the session's history. When a prompt is attached to the
    session the work waits for it to finish rather than failing with `session_busy`. A run that
    fails is retried with backoff a few times; one stopped by the session abort route is not.

    Work is admitted in memory unless the server is configured with a durable queue, in which
    case accepted work survives a restart and completes once per `dispatchId`. Sending a
    `dispatchId` makes the call idempotent: repeating it answers the first receipt again.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        body (AgentDispatchRequest): Work handed to an agent instance to process in the
            background. Unknown fields are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentDispatchReceipt | AgentErrorResponse
    """

    return (
        await asyncio_detailed(
            name=name,
            id=id,
            client=client,
            body=body,
        )
    ).parsed
