from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation import Conversation
from ...models.create_conversation import CreateConversation
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: CreateConversation,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/conversations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Conversation | ResponsesErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = Conversation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_413

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
) -> Response[Conversation | ResponsesErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateConversation,
) -> Response[Conversation | ResponsesErrorEnvelope]:
    """Create a conversation

     Create a conversation, optionally with initial items.

    Args:
        body (CreateConversation): Body of `POST /v1/conversations`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateConversation,
) -> Conversation | ResponsesErrorEnvelope | None:
    """Create a conversation

     Create a conversation, optionally with initial items.

    Args:
        body (CreateConversation): Body of `POST /v1/conversations`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | ResponsesErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateConversation,
) -> Response[Conversation | ResponsesErrorEnvelope]:
    """Create a conversation

     Create a conversation, optionally with initial items.

    Args:
        body (CreateConversation): Body of `POST /v1/conversations`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateConversation,
) -> Conversation | ResponsesErrorEnvelope | None:
    """Create a conversation

     Create a conversation, optionally with initial items.

    Args:
        body (CreateConversation): Body of `POST /v1/conversations`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
