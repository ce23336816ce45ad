from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_error_response import AgentErrorResponse
from ...models.agent_prompt_request import AgentPromptRequest
from ...models.agent_prompt_response import AgentPromptResponse
from ...models.agent_webhook_receipt import AgentWebhookReceipt
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    id: str,
    *,
    body: AgentPromptRequest,
    accept: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
    x_webhook: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept, Unset):
        headers["accept"] = accept

    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    if not isinstance(x_webhook, Unset):
        headers["x-webhook"] = x_webhook

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/agents/{name}/{id}".format(
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
) -> AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt | None:
    if response.status_code == 200:
        response_200 = AgentPromptResponse.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = AgentWebhookReceipt.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = AgentErrorResponse.from_dict(response.json())

        return response_409

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
) -> Response[AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt]:
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
    body: AgentPromptRequest,
    accept: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
    x_webhook: str | Unset = UNSET,
) -> Response[AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt]:
    """Prompt an agent instance

     Sends `message` to the agent instance in `session` (default `"default"`), continuing that
    session's history, and answers when the prompt completes.

    Before anything runs, the server checks authorization for `(name, id, session)` (401/403)
    and that `name` is registered (404). Only one prompt may be attached to a session at a time:
    while one runs (from any client or socket) another gets 409 `session_busy`; dispatched work
    waits its turn instead.

    Response form, chosen by `Accept`:
    - `application/json` (or absent): 200 with `{result}` once the prompt completes. A prompt
    stopped by the session abort route answers 409 `aborted`; an agent failure 500.
    - `text/event-stream`: 200 with an SSE stream of `AgentEvent` frames, each with
    `event: <type>`, `id: <streamId>:<index>` and `data: <json>`; a `: keep-alive` comment every
    15 s. The stream ends after `idle` (success) or `error` (failure, abort); errors found before
    the prompt starts (validation, authorization, busy session) are plain JSON error responses.
    Closing the connection aborts the prompt unless the client reconnects in time (below).

    Webhook (`x-webhook: true`, pyflue's webhook mode): the prompt is accepted for background
    processing exactly as a dispatch is (it waits for a busy session, is retried when it fails,
    survives a restart on a durable queue) and the answer is at once a 202 receipt.

    Resuming: the server keeps each streamed prompt's events while it runs and for a short window
    (30 s by default) after it ends. A request with `Accept: text/event-stream` and
    `Last-Event-ID: <streamId>:<index>` for the same `(name, id, session)` does not start a new
    prompt: it replays the events after `index` and follows the prompt live until it ends (the
    body must still be a valid prompt; its `message` is ignored). Where several server processes
    share one store, the resume may reach any of them, not only the one running the prompt. A
    streamed prompt whose client disconnects is aborted only when no client has re-attached, on
    any of those processes, within 5 s. An unknown or expired stream answers 404
    `stream_not_found`.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        accept (str | Unset):
        last_event_id (str | Unset):
        x_webhook (str | Unset):
        body (AgentPromptRequest): A prompt to an agent instance. The user message is `message`,
            else `prompt` (pyflue's server
            accepts both), else `payload.message` / `payload.prompt`; a request carrying none of them
            is a
            400 `validation_failed` naming `message`. Unknown top-level fields are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt]
    """

    kwargs = _get_kwargs(
        name=name,
        id=id,
        body=body,
        accept=accept,
        last_event_id=last_event_id,
        x_webhook=x_webhook,
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
    body: AgentPromptRequest,
    accept: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
    x_webhook: str | Unset = UNSET,
) -> AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt | None:
    """Prompt an agent instance

     Sends `message` to the agent instance in `session` (default `"default"`), continuing that
    session's history, and answers when the prompt completes.

    Before anything runs, the server checks authorization for `(name, id, session)` (401/403)
    and that `name` is registered (404). Only one prompt may be attached to a session at a time:
    while one runs (from any client or socket) another gets 409 `session_busy`; dispatched work
    waits its turn instead.

    Response form, chosen by `Accept`:
    - `application/json` (or absent): 200 with `{result}` once the prompt completes. A prompt
    stopped by the session abort route answers 409 `aborted`; an agent failure 500.
    - `text/event-stream`: 200 with an SSE stream of `AgentEvent` frames, each with
    `event: <type>`, `id: <streamId>:<index>` and `data: <json>`; a `: keep-alive` comment every
    15 s. The stream ends after `idle` (success) or `error` (failure, abort); errors found before
    the prompt starts (validation, authorization, busy session) are plain JSON error responses.
    Closing the connection aborts the prompt unless the client reconnects in time (below).

    Webhook (`x-webhook: true`, pyflue's webhook mode): the prompt is accepted for background
    processing exactly as a dispatch is (it waits for a busy session, is retried when it fails,
    survives a restart on a durable queue) and the answer is at once a 202 receipt.

    Resuming: the server keeps each streamed prompt's events while it runs and for a short window
    (30 s by default) after it ends. A request with `Accept: text/event-stream` and
    `Last-Event-ID: <streamId>:<index>` for the same `(name, id, session)` does not start a new
    prompt: it replays the events after `index` and follows the prompt live until it ends (the
    body must still be a valid prompt; its `message` is ignored). Where several server processes
    share one store, the resume may reach any of them, not only the one running the prompt. A
    streamed prompt whose client disconnects is aborted only when no client has re-attached, on
    any of those processes, within 5 s. An unknown or expired stream answers 404
    `stream_not_found`.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        accept (str | Unset):
        last_event_id (str | Unset):
        x_webhook (str | Unset):
        body (AgentPromptRequest): A prompt to an agent instance. The user message is `message`,
            else `prompt` (pyflue's server
            accepts both), else `payload.message` / `payload.prompt`; a request carrying none of them
            is a
            400 `validation_failed` naming `message`. Unknown top-level fields are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt
    """

    return sync_detailed(
        name=name,
        id=id,
        client=client,
        body=body,
        accept=accept,
        last_event_id=last_event_id,
        x_webhook=x_webhook,
    ).parsed


async def asyncio_detailed(
    name: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AgentPromptRequest,
    accept: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
    x_webhook: str | Unset = UNSET,
) -> Response[AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt]:
    """Prompt an agent instance

     Sends `message` to the agent instance in `session` (default `"default"`), continuing that
    session's history, and answers when the prompt completes.

    Before anything runs, the server checks authorization for `(name, id, session)` (401/403)
    and that `name` is registered (404). Only one prompt may be attached to a session at a time:
    while one runs (from any client or socket) another gets 409 `session_busy`; dispatched work
    waits its turn instead.

    Response form, chosen by `Accept`:
    - `application/json` (or absent): 200 with `{result}` once the prompt completes. A prompt
    stopped by the session abort route answers 409 `aborted`; an agent failure 500.
    - `text/event-stream`: 200 with an SSE stream of `AgentEvent` frames, each with
    `event: <type>`, `id: <streamId>:<index>` and `data: <json>`; a `: keep-alive` comment every
    15 s. The stream ends after `idle` (success) or `error` (failure, abort); errors found before
    the prompt starts (validation, authorization, busy session) are plain JSON error responses.
    Closing the connection aborts the prompt unless the client reconnects in time (below).

    Webhook (`x-webhook: true`, pyflue's webhook mode): the prompt is accepted for background
    processing exactly as a dispatch is (it waits for a busy session, is retried when it fails,
    survives a restart on a durable queue) and the answer is at once a 202 receipt.

    Resuming: the server keeps each streamed prompt's events while it runs and for a short window
    (30 s by default) after it ends. A request with `Accept: text/event-stream` and
    `Last-Event-ID: <streamId>:<index>` for the same `(name, id, session)` does not start a new
    prompt: it replays the events after `index` and follows the prompt live until it ends (the
    body must still be a valid prompt; its `message` is ignored). Where several server processes
    share one store, the resume may reach any of them, not only the one running the prompt. A
    streamed prompt whose client disconnects is aborted only when no client has re-attached, on
    any of those processes, within 5 s. An unknown or expired stream answers 404
    `stream_not_found`.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        accept (str | Unset):
        last_event_id (str | Unset):
        x_webhook (str | Unset):
        body (AgentPromptRequest): A prompt to an agent instance. The user message is `message`,
            else `prompt` (pyflue's server
            accepts both), else `payload.message` / `payload.prompt`; a request carrying none of them
            is a
            400 `validation_failed` naming `message`. Unknown top-level fields are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt]
    """

    kwargs = _get_kwargs(
        name=name,
        id=id,
        body=body,
        accept=accept,
        last_event_id=last_event_id,
        x_webhook=x_webhook,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AgentPromptRequest,
    accept: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
    x_webhook: str | Unset = UNSET,
) -> AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt | None:
    """Prompt an agent instance

     Sends `message` to the agent instance in `session` (default `"default"`), continuing that
    session's history, and answers when the prompt completes.

    Before anything runs, the server checks authorization for `(name, id, session)` (401/403)
    and that `name` is registered (404). Only one prompt may be attached to a session at a time:
    while one runs (from any client or socket) another gets 409 `session_busy`; dispatched work
    waits its turn instead.

    Response form, chosen by `Accept`:
    - `application/json` (or absent): 200 with `{result}` once the prompt completes. A prompt
    stopped by the session abort route answers 409 `aborted`; an agent failure 500.
    - `text/event-stream`: 200 with an SSE stream of `AgentEvent` frames, each with
    `event: <type>`, `id: <streamId>:<index>` and `data: <json>`; a `: keep-alive` comment every
    15 s. The stream ends after `idle` (success) or `error` (failure, abort); errors found before
    the prompt starts (validation, authorization, busy session) are plain JSON error responses.
    Closing the connection aborts the prompt unless the client reconnects in time (below).

    Webhook (`x-webhook: true`, pyflue's webhook mode): the prompt is accepted for background
    processing exactly as a dispatch is (it waits for a busy session, is retried when it fails,
    survives a restart on a durable queue) and the answer is at once a 202 receipt.

    Resuming: the server keeps each streamed prompt's events while it runs and for a short window
    (30 s by default) after it ends. A request with `Accept: text/event-stream` and
    `Last-Event-ID: <streamId>:<index>` for the same `(name, id, session)` does not start a new
    prompt: it replays the events after `index` and follows the prompt live until it ends (the
    body must still be a valid prompt; its `message` is ignored). Where several server processes
    share one store, the resume may reach any of them, not only the one running the prompt. A
    streamed prompt whose client disconnects is aborted only when no client has re-attached, on
    any of those processes, within 5 s. An unknown or expired stream answers 404
    `stream_not_found`.

    Args:
        name (str): An agent's name or an instance id in a path: at most 256 characters, no
            control characters.
        id (str): An agent's name or an instance id in a path: at most 256 characters, no control
            characters.
        accept (str | Unset):
        last_event_id (str | Unset):
        x_webhook (str | Unset):
        body (AgentPromptRequest): A prompt to an agent instance. The user message is `message`,
            else `prompt` (pyflue's server
            accepts both), else `payload.message` / `payload.prompt`; a request carrying none of them
            is a
            400 `validation_failed` naming `message`. Unknown top-level fields are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentErrorResponse | AgentPromptResponse | AgentWebhookReceipt
    """

    return (
        await asyncio_detailed(
            name=name,
            id=id,
            client=client,
            body=body,
            accept=accept,
            last_event_id=last_event_id,
            x_webhook=x_webhook,
        )
    ).parsed
