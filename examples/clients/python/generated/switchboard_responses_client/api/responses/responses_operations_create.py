from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_response import CreateResponse
from ...models.response_object import ResponseObject
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: CreateResponse,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/responses",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ResponseObject | ResponsesErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = ResponseObject.from_dict(response.json())

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
) -> Response[ResponseObject | ResponsesErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateResponse,
) -> Response[ResponseObject | ResponsesErrorEnvelope]:
    """Create a response

     Create a response. With `stream: true` the answer is `text/event-stream`: frames
    `event: <type>` / `data: <ResponseStreamEvent JSON>` in the order `response.created`,
    `response.in_progress`, then per output item `response.output_item.added`, (for messages)
    `response.content_part.added`, `response.output_text.delta`*, `response.output_text.done`,
    `response.content_part.done`, (for function calls) `response.function_call_arguments.delta`*,
    `response.function_call_arguments.done`, then `response.output_item.done`, and finally
    `response.completed`, `response.incomplete` or `response.failed` (a failure is preceded by an
    `error` event), then `data: [DONE]`. `sequence_number` starts at 0 and increases by one.
    Closing the connection aborts a non-background response; a stored one is then recorded with
    status `cancelled`. Without `stream`, the answer is the finished response, also when the agent
    failed (status `failed`, `error` set) or stopped early (status `incomplete`).
    With `background: true` and no stream, the answer is the response with status `queued`; with
    `stream: true` as well, the stream is `response.created`, `response.queued`,
    `response.in_progress`, … and closing it does not stop the work.

    Args:
        body (CreateResponse): Body of `POST /v1/responses`. Every parameter the official SDKs
            type for a create is here
            (Switchboard's parameter policy): a default or `null` value is always accepted; a
            parameter
            Switchboard can honour is honoured, by the runtime or by the agent's model provider; only
            a
            non-default value the chosen agent cannot honour is a 400 whose `param` names it. A field
            OpenAI
            does not define is a 400 `unknown_parameter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ResponseObject | ResponsesErrorEnvelope]
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
    body: CreateResponse,
) -> ResponseObject | ResponsesErrorEnvelope | None:
    """Create a response

     Create a response. With `stream: true` the answer is `text/event-stream`: frames
    `event: <type>` / `data: <ResponseStreamEvent JSON>` in the order `response.created`,
    `response.in_progress`, then per output item `response.output_item.added`, (for messages)
    `response.content_part.added`, `response.output_text.delta`*, `response.output_text.done`,
    `response.content_part.done`, (for function calls) `response.function_call_arguments.delta`*,
    `response.function_call_arguments.done`, then `response.output_item.done`, and finally
    `response.completed`, `response.incomplete` or `response.failed` (a failure is preceded by an
    `error` event), then `data: [DONE]`. `sequence_number` starts at 0 and increases by one.
    Closing the connection aborts a non-background response; a stored one is then recorded with
    status `cancelled`. Without `stream`, the answer is the finished response, also when the agent
    failed (status `failed`, `error` set) or stopped early (status `incomplete`).
    With `background: true` and no stream, the answer is the response with status `queued`; with
    `stream: true` as well, the stream is `response.created`, `response.queued`,
    `response.in_progress`, … and closing it does not stop the work.

    Args:
        body (CreateResponse): Body of `POST /v1/responses`. Every parameter the official SDKs
            type for a create is here
            (Switchboard's parameter policy): a default or `null` value is always accepted; a
            parameter
            Switchboard can honour is honoured, by the runtime or by the agent's model provider; only
            a
            non-default value the chosen agent cannot honour is a 400 whose `param` names it. A field
            OpenAI
            does not define is a 400 `unknown_parameter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ResponseObject | ResponsesErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateResponse,
) -> Response[ResponseObject | ResponsesErrorEnvelope]:
    """Create a response

     Create a response. With `stream: true` the answer is `text/event-stream`: frames
    `event: <type>` / `data: <ResponseStreamEvent JSON>` in the order `response.created`,
    `response.in_progress`, then per output item `response.output_item.added`, (for messages)
    `response.content_part.added`, `response.output_text.delta`*, `response.output_text.done`,
    `response.content_part.done`, (for function calls) `response.function_call_arguments.delta`*,
    `response.function_call_arguments.done`, then `response.output_item.done`, and finally
    `response.completed`, `response.incomplete` or `response.failed` (a failure is preceded by an
    `error` event), then `data: [DONE]`. `sequence_number` starts at 0 and increases by one.
    Closing the connection aborts a non-background response; a stored one is then recorded with
    status `cancelled`. Without `stream`, the answer is the finished response, also when the agent
    failed (status `failed`, `error` set) or stopped early (status `incomplete`).
    With `background: true` and no stream, the answer is the response with status `queued`; with
    `stream: true` as well, the stream is `response.created`, `response.queued`,
    `response.in_progress`, … and closing it does not stop the work.

    Args:
        body (CreateResponse): Body of `POST /v1/responses`. Every parameter the official SDKs
            type for a create is here
            (Switchboard's parameter policy): a default or `null` value is always accepted; a
            parameter
            Switchboard can honour is honoured, by the runtime or by the agent's model provider; only
            a
            non-default value the chosen agent cannot honour is a 400 whose `param` names it. A field
            OpenAI
            does not define is a 400 `unknown_parameter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ResponseObject | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateResponse,
) -> ResponseObject | ResponsesErrorEnvelope | None:
    """Create a response

     Create a response. With `stream: true` the answer is `text/event-stream`: frames
    `event: <type>` / `data: <ResponseStreamEvent JSON>` in the order `response.created`,
    `response.in_progress`, then per output item `response.output_item.added`, (for messages)
    `response.content_part.added`, `response.output_text.delta`*, `response.output_text.done`,
    `response.content_part.done`, (for function calls) `response.function_call_arguments.delta`*,
    `response.function_call_arguments.done`, then `response.output_item.done`, and finally
    `response.completed`, `response.incomplete` or `response.failed` (a failure is preceded by an
    `error` event), then `data: [DONE]`. `sequence_number` starts at 0 and increases by one.
    Closing the connection aborts a non-background response; a stored one is then recorded with
    status `cancelled`. Without `stream`, the answer is the finished response, also when the agent
    failed (status `failed`, `error` set) or stopped early (status `incomplete`).
    With `background: true` and no stream, the answer is the response with status `queued`; with
    `stream: true` as well, the stream is `response.created`, `response.queued`,
    `response.in_progress`, … and closing it does not stop the work.

    Args:
        body (CreateResponse): Body of `POST /v1/responses`. Every parameter the official SDKs
            type for a create is here
            (Switchboard's parameter policy): a default or `null` value is always accepted; a
            parameter
            Switchboard can honour is honoured, by the runtime or by the agent's model provider; only
            a
            non-default value the chosen agent cannot honour is a 400 whose `param` names it. A field
            OpenAI
            does not define is a 400 `unknown_parameter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ResponseObject | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
