from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.workflow_error_envelope import WorkflowErrorEnvelope
from ...models.workflow_info import WorkflowInfo
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/discovery",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> WorkflowErrorEnvelope | list[WorkflowInfo]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = WorkflowInfo.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = WorkflowErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[WorkflowErrorEnvelope | list[WorkflowInfo]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[WorkflowErrorEnvelope | list[WorkflowInfo]]:
    """List workflows

     Lists every workflow the server can run, in registration order. No parameters; the body is a
    JSON array of `{name, description}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[WorkflowErrorEnvelope | list[WorkflowInfo]]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> WorkflowErrorEnvelope | list[WorkflowInfo] | None:
    """List workflows

     Lists every workflow the server can run, in registration order. No parameters; the body is a
    JSON array of `{name, description}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WorkflowErrorEnvelope | list[WorkflowInfo]
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[WorkflowErrorEnvelope | list[WorkflowInfo]]:
    """List workflows

     Lists every workflow the server can run, in registration order. No parameters; the body is a
    JSON array of `{name, description}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[WorkflowErrorEnvelope | list[WorkflowInfo]]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> WorkflowErrorEnvelope | list[WorkflowInfo] | None:
    """List workflows

     Lists every workflow the server can run, in registration order. No parameters; the body is a
    JSON array of `{name, description}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WorkflowErrorEnvelope | list[WorkflowInfo]
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
