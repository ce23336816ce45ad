from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chat_completion import ChatCompletion
from ...models.create_chat_completion import CreateChatCompletion
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: CreateChatCompletion,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/chat/completions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChatCompletion | ResponsesErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = ChatCompletion.from_dict(response.json())

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
) -> Response[ChatCompletion | ResponsesErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateChatCompletion,
) -> Response[ChatCompletion | ResponsesErrorEnvelope]:
    """Create a chat completion

     Create a chat completion with a served agent (`model` names it). The agent runs as for
    `POST /v1/responses`: its own tools run on the server; a client tool call ends the completion
    with `finish_reason: tool_calls`, and the client answers with `tool` messages in the next
    request (Chat Completions keeps no state: the client sends the whole history each time).
    With `stream: true` the answer is `text/event-stream` of `data: <chunk>` lines, then
    `data: [DONE]`; a failure after the stream started ends it with an `error` object in a data
    line. Errors use OpenAI's envelope. Nothing is stored unless `store: true`.

    Args:
        body (CreateChatCompletion): Body of `POST /v1/chat/completions`. Every parameter OpenAI's
            SDKs type is accepted with its
            default value (or `null`); a parameter the chosen agent can honour is honoured; any other
            value is refused with 400 and `param` naming it. Unknown fields → 400 `unknown_parameter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletion | ResponsesErrorEnvelope]
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
    body: CreateChatCompletion,
) -> ChatCompletion | ResponsesErrorEnvelope | None:
    """Create a chat completion

     Create a chat completion with a served agent (`model` names it). The agent runs as for
    `POST /v1/responses`: its own tools run on the server; a client tool call ends the completion
    with `finish_reason: tool_calls`, and the client answers with `tool` messages in the next
    request (Chat Completions keeps no state: the client sends the whole history each time).
    With `stream: true` the answer is `text/event-stream` of `data: <chunk>` lines, then
    `data: [DONE]`; a failure after the stream started ends it with an `error` object in a data
    line. Errors use OpenAI's envelope. Nothing is stored unless `store: true`.

    Args:
        body (CreateChatCompletion): Body of `POST /v1/chat/completions`. Every parameter OpenAI's
            SDKs type is accepted with its
            default value (or `null`); a parameter the chosen agent can honour is honoured; any other
            value is refused with 400 and `param` naming it. Unknown fields → 400 `unknown_parameter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletion | ResponsesErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateChatCompletion,
) -> Response[ChatCompletion | ResponsesErrorEnvelope]:
    """Create a chat completion

     Create a chat completion with a served agent (`model` names it). The agent runs as for
    `POST /v1/responses`: its own tools run on the server; a client tool call ends the completion
    with `finish_reason: tool_calls`, and the client answers with `tool` messages in the next
    request (Chat Completions keeps no state: the client sends the whole history each time).
    With `stream: true` the answer is `text/event-stream` of `data: <chunk>` lines, then
    `data: [DONE]`; a failure after the stream started ends it with an `error` object in a data
    line. Errors use OpenAI's envelope. Nothing is stored unless `store: true`.

    Args:
        body (CreateChatCompletion): Body of `POST /v1/chat/completions`. Every parameter OpenAI's
            SDKs type is accepted with its
            default value (or `null`); a parameter the chosen agent can honour is honoured; any other
            value is refused with 400 and `param` naming it. Unknown fields → 400 `unknown_parameter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletion | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateChatCompletion,
) -> ChatCompletion | ResponsesErrorEnvelope | None:
    """Create a chat completion

     Create a chat completion with a served agent (`model` names it). The agent runs as for
    `POST /v1/responses`: its own tools run on the server; a client tool call ends the completion
    with `finish_reason: tool_calls`, and the client answers with `tool` messages in the next
    request (Chat Completions keeps no state: the client sends the whole history each time).
    With `stream: true` the answer is `text/event-stream` of `data: <chunk>` lines, then
    `data: [DONE]`; a failure after the stream started ends it with an `error` object in a data
    line. Errors use OpenAI's envelope. Nothing is stored unless `store: true`.

    Args:
        body (CreateChatCompletion): Body of `POST /v1/chat/completions`. Every parameter OpenAI's
            SDKs type is accepted with its
            default value (or `null`); a parameter the chosen agent can honour is honoured; any other
            value is refused with 400 and `param` naming it. Unknown fields → 400 `unknown_parameter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletion | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
