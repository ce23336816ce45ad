from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.response_object import ResponseObject
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    response_id: str,
    *,
    stream: bool | Unset = UNSET,
    starting_after: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["stream"] = stream

    params["starting_after"] = starting_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/responses/{response_id}".format(
            response_id=quote(str(response_id), safe=""),
        ),
        "params": params,
    }

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
    response_id: str,
    *,
    client: AuthenticatedClient | Client,
    stream: bool | Unset = UNSET,
    starting_after: int | Unset = UNSET,
) -> Response[ResponseObject | ResponsesErrorEnvelope]:
    """Retrieve a response

     Retrieve a stored response. With `stream=true` the stored events are replayed as SSE,
    starting after `starting_after` (a `sequence_number`); for a response still running the replay
    continues live until it ends.

    Args:
        response_id (str):
        stream (bool | Unset):
        starting_after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ResponseObject | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        response_id=response_id,
        stream=stream,
        starting_after=starting_after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    response_id: str,
    *,
    client: AuthenticatedClient | Client,
    stream: bool | Unset = UNSET,
    starting_after: int | Unset = UNSET,
) -> ResponseObject | ResponsesErrorEnvelope | None:
    """Retrieve a response

     Retrieve a stored response. With `stream=true` the stored events are replayed as SSE,
    starting after `starting_after` (a `sequence_number`); for a response still running the replay
    continues live until it ends.

    Args:
        response_id (str):
        stream (bool | Unset):
        starting_after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ResponseObject | ResponsesErrorEnvelope
    """

    return sync_detailed(
        response_id=response_id,
        client=client,
        stream=stream,
        starting_after=starting_after,
    ).parsed


async def asyncio_detailed(
    response_id: str,
    *,
    client: AuthenticatedClient | Client,
    stream: bool | Unset = UNSET,
    starting_after: int | Unset = UNSET,
) -> Response[ResponseObject | ResponsesErrorEnvelope]:
    """Retrieve a response

     Retrieve a stored response. With `stream=true` the stored events are replayed as SSE,
    starting after `starting_after` (a `sequence_number`); for a response still running the replay
    continues live until it ends.

    Args:
        response_id (str):
        stream (bool | Unset):
        starting_after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ResponseObject | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        response_id=response_id,
        stream=stream,
        starting_after=starting_after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    response_id: str,
    *,
    client: AuthenticatedClient | Client,
    stream: bool | Unset = UNSET,
    starting_after: int | Unset = UNSET,
) -> ResponseObject | ResponsesErrorEnvelope | None:
    """Retrieve a response

     Retrieve a stored response. With `stream=true` the stored events are replayed as SSE,
    starting after `starting_after` (a `sequence_number`); for a response still running the replay
    continues live until it ends.

    Args:
        response_id (str):
        stream (bool | Unset):
        starting_after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ResponseObject | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            response_id=response_id,
            client=client,
            stream=stream,
            starting_after=starting_after,
        )
    ).parsed
