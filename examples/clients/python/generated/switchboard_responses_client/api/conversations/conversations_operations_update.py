from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation import Conversation
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...models.update_conversation import UpdateConversation
from ...types import Response


def _get_kwargs(
    conversation_id: str,
    *,
    body: UpdateConversation,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/conversations/{conversation_id}".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
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

    if response.status_code == 404:
        response_404 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_404

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
    conversation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateConversation,
) -> Response[Conversation | ResponsesErrorEnvelope]:
    """Update a conversation

     Replace a conversation's metadata.

    Args:
        conversation_id (str):
        body (UpdateConversation): Body of `POST /v1/conversations/{id}`: replaces the metadata.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateConversation,
) -> Conversation | ResponsesErrorEnvelope | None:
    """Update a conversation

     Replace a conversation's metadata.

    Args:
        conversation_id (str):
        body (UpdateConversation): Body of `POST /v1/conversations/{id}`: replaces the metadata.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | ResponsesErrorEnvelope
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateConversation,
) -> Response[Conversation | ResponsesErrorEnvelope]:
    """Update a conversation

     Replace a conversation's metadata.

    Args:
        conversation_id (str):
        body (UpdateConversation): Body of `POST /v1/conversations/{id}`: replaces the metadata.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateConversation,
) -> Conversation | ResponsesErrorEnvelope | None:
    """Update a conversation

     Replace a conversation's metadata.

    Args:
        conversation_id (str):
        body (UpdateConversation): Body of `POST /v1/conversations/{id}`: replaces the metadata.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            body=body,
        )
    ).parsed
