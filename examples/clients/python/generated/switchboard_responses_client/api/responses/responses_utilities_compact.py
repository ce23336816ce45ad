from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compact_request import CompactRequest
from ...models.compacted_response import CompactedResponse
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: CompactRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/responses/compact",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CompactedResponse | ResponsesErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = CompactedResponse.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ResponsesErrorEnvelope.from_dict(response.json())

        return response_409

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
) -> Response[CompactedResponse | ResponsesErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CompactRequest,
) -> Response[CompactedResponse | ResponsesErrorEnvelope]:
    """Compact a conversation

     Compact a conversation's history into a summary.

    Args:
        body (CompactRequest): Body of `POST /v1/responses/compact`: the history to compact
            (`input`, and the chain of
            `previous_response_id`). The agent's model writes the summary; fixture agents summarise
            deterministically.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompactedResponse | ResponsesErrorEnvelope]
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
    body: CompactRequest,
) -> CompactedResponse | ResponsesErrorEnvelope | None:
    """Compact a conversation

     Compact a conversation's history into a summary.

    Args:
        body (CompactRequest): Body of `POST /v1/responses/compact`: the history to compact
            (`input`, and the chain of
            `previous_response_id`). The agent's model writes the summary; fixture agents summarise
            deterministically.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompactedResponse | ResponsesErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CompactRequest,
) -> Response[CompactedResponse | ResponsesErrorEnvelope]:
    """Compact a conversation

     Compact a conversation's history into a summary.

    Args:
        body (CompactRequest): Body of `POST /v1/responses/compact`: the history to compact
            (`input`, and the chain of
            `previous_response_id`). The agent's model writes the summary; fixture agents summarise
            deterministically.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompactedResponse | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CompactRequest,
) -> CompactedResponse | ResponsesErrorEnvelope | None:
    """Compact a conversation

     Compact a conversation's history into a summary.

    Args:
        body (CompactRequest): Body of `POST /v1/responses/compact`: the history to compact
            (`input`, and the chain of
            `previous_response_id`). The agent's model writes the summary; fixture agents summarise
            deterministically.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompactedResponse | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
