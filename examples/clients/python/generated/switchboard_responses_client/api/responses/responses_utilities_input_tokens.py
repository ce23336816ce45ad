from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.input_tokens_count import InputTokensCount
from ...models.input_tokens_request import InputTokensRequest
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: InputTokensRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/responses/input_tokens",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InputTokensCount | ResponsesErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = InputTokensCount.from_dict(response.json())

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
) -> Response[InputTokensCount | ResponsesErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InputTokensRequest,
) -> Response[InputTokensCount | ResponsesErrorEnvelope]:
    """Count input tokens

     Count the input tokens of a would-be response.

    Args:
        body (InputTokensRequest): Body of `POST /v1/responses/input_tokens`: the input of a
            would-be create. Counted with the
            agent model's own tokenizer (OpenAI's encodings for OpenAI model families, the scripted
            models'
            count for fixtures).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InputTokensCount | ResponsesErrorEnvelope]
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
    body: InputTokensRequest,
) -> InputTokensCount | ResponsesErrorEnvelope | None:
    """Count input tokens

     Count the input tokens of a would-be response.

    Args:
        body (InputTokensRequest): Body of `POST /v1/responses/input_tokens`: the input of a
            would-be create. Counted with the
            agent model's own tokenizer (OpenAI's encodings for OpenAI model families, the scripted
            models'
            count for fixtures).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InputTokensCount | ResponsesErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InputTokensRequest,
) -> Response[InputTokensCount | ResponsesErrorEnvelope]:
    """Count input tokens

     Count the input tokens of a would-be response.

    Args:
        body (InputTokensRequest): Body of `POST /v1/responses/input_tokens`: the input of a
            would-be create. Counted with the
            agent model's own tokenizer (OpenAI's encodings for OpenAI model families, the scripted
            models'
            count for fixtures).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InputTokensCount | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: InputTokensRequest,
) -> InputTokensCount | ResponsesErrorEnvelope | None:
    """Count input tokens

     Count the input tokens of a would-be response.

    Args:
        body (InputTokensRequest): Body of `POST /v1/responses/input_tokens`: the input of a
            would-be create. Counted with the
            agent model's own tokenizer (OpenAI's encodings for OpenAI model families, the scripted
            models'
            count for fixtures).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InputTokensCount | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
