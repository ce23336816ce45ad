from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_error_response import AgentErrorResponse
from ...models.agent_session_history import AgentSessionHistory
from ...types import Response


def _get_kwargs(
    name: str,
    id: str,
    session: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/agents/{name}/{id}/sessions/{session}".format(
            name=quote(str(name), safe=""),
            id=quote(str(id), safe=""),
            session=quote(str(session), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentErrorResponse | AgentSessionHistory | None:
    if response.status_code == 200:
        response_200 = AgentSessionHistory.from_dict(response.json())

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
) -> Response[AgentErrorResponse | AgentSessionHistory]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    id: str,
    session: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AgentErrorResponse | AgentSessionHistory]:
    """Read a session's history

     Returns the session's history, oldest message first: user messages (prompts and serialized
    dispatch inputs), assistant messages (with the tool calls they asked for) and tool results.
    Messages of a prompt that is still running are included once it completes. A session that
    was never used has an empty history.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        session (str): A session name: an independent conversation thread of one agent instance.
            Control characters
            (U+0000–U+001F, U+007F) are refused: names are stored and logged as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentErrorResponse | AgentSessionHistory]
    """

    kwargs = _get_kwargs(
        name=name,
        id=id,
        session=session,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    id: str,
    session: str,
    *,
    client: AuthenticatedClient | Client,
) -> AgentErrorResponse | AgentSessionHistory | None:
    """Read a session's history

     Returns the session's history, oldest message first: user messages (prompts and serialized
    dispatch inputs), assistant messages (with the tool calls they asked for) and tool results.
    Messages of a prompt that is still running are included once it completes. A session that
    was never used has an empty history.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        session (str): A session name: an independent conversation thread of one agent instance.
            Control characters
            (U+0000–U+001F, U+007F) are refused: names are stored and logged as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentErrorResponse | AgentSessionHistory
    """

    return sync_detailed(
        name=name,
        id=id,
        session=session,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    id: str,
    session: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AgentErrorResponse | AgentSessionHistory]:
    """Read a session's history

     Returns the session's history, oldest message first: user messages (prompts and serialized
    dispatch inputs), assistant messages (with the tool calls they asked for) and tool results.
    Messages of a prompt that is still running are included once it completes. A session that
    was never used has an empty history.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        session (str): A session name: an independent conversation thread of one agent instance.
            Control characters
            (U+0000–U+001F, U+007F) are refused: names are stored and logged as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentErrorResponse | AgentSessionHistory]
    """

    kwargs = _get_kwargs(
        name=name,
        id=id,
        session=session,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    id: str,
    session: str,
    *,
    client: AuthenticatedClient | Client,
) -> AgentErrorResponse | AgentSessionHistory | None:
    """Read a session's history

     Returns the session's history, oldest message first: user messages (prompts and serialized
    dispatch inputs), assistant messages (with the tool calls they asked for) and tool results.
    Messages of a prompt that is still running are included once it completes. A session that
    was never used has an empty history.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        session (str): A session name: an independent conversation thread of one agent instance.
            Control characters
            (U+0000–U+001F, U+007F) are refused: names are stored and logged as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentErrorResponse | AgentSessionHistory
    """

    return (
        await asyncio_detailed(
            name=name,
            id=id,
            session=session,
            client=client,
        )
    ).parsed
