from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_error_response import AgentErrorResponse
from ...models.agent_health import AgentHealth
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/health",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentErrorResponse | AgentHealth | None:
    if response.status_code == 200:
        response_200 = AgentHealth.from_dict(response.json())

        return response_200

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
) -> Response[AgentErrorResponse | AgentHealth]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[AgentErrorResponse | AgentHealth]:
    """Server health, as pyflue reads it

     Answers `{ok: true, framework: "switchboard"}` while the server is up (pyflue's `health()`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentErrorResponse | AgentHealth]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> AgentErrorResponse | AgentHealth | None:
    """Server health, as pyflue reads it

     Answers `{ok: true, framework: "switchboard"}` while the server is up (pyflue's `health()`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentErrorResponse | AgentHealth
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[AgentErrorResponse | AgentHealth]:
    """Server health, as pyflue reads it

     Answers `{ok: true, framework: "switchboard"}` while the server is up (pyflue's `health()`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentErrorResponse | AgentHealth]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> AgentErrorResponse | AgentHealth | None:
    """Server health, as pyflue reads it

     Answers `{ok: true, framework: "switchboard"}` while the server is up (pyflue's `health()`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentErrorResponse | AgentHealth
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
