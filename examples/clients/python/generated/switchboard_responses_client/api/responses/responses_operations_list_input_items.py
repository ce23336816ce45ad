from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.response_item_list import ResponseItemList
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...models.responses_operations_list_input_items_order import (
    ResponsesOperationsListInputItemsOrder,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    response_id: str,
    *,
    limit: int | Unset = UNSET,
    order: ResponsesOperationsListInputItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["after"] = after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/responses/{response_id}/input_items".format(
            response_id=quote(str(response_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ResponseItemList | ResponsesErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = ResponseItemList.from_dict(response.json())

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
) -> Response[ResponseItemList | ResponsesErrorEnvelope]:
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
    limit: int | Unset = UNSET,
    order: ResponsesOperationsListInputItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
) -> Response[ResponseItemList | ResponsesErrorEnvelope]:
    """List input items

     List the input items of a stored response (the items sent in its `input`, not the history of
    the chain), as a cursor page: pass the last item's id as `after` to get the next page.

    Args:
        response_id (str):
        limit (int | Unset):
        order (ResponsesOperationsListInputItemsOrder | Unset):
        after (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ResponseItemList | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        response_id=response_id,
        limit=limit,
        order=order,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    response_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    order: ResponsesOperationsListInputItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
) -> ResponseItemList | ResponsesErrorEnvelope | None:
    """List input items

     List the input items of a stored response (the items sent in its `input`, not the history of
    the chain), as a cursor page: pass the last item's id as `after` to get the next page.

    Args:
        response_id (str):
        limit (int | Unset):
        order (ResponsesOperationsListInputItemsOrder | Unset):
        after (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ResponseItemList | ResponsesErrorEnvelope
    """

    return sync_detailed(
        response_id=response_id,
        client=client,
        limit=limit,
        order=order,
        after=after,
    ).parsed


async def asyncio_detailed(
    response_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    order: ResponsesOperationsListInputItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
) -> Response[ResponseItemList | ResponsesErrorEnvelope]:
    """List input items

     List the input items of a stored response (the items sent in its `input`, not the history of
    the chain), as a cursor page: pass the last item's id as `after` to get the next page.

    Args:
        response_id (str):
        limit (int | Unset):
        order (ResponsesOperationsListInputItemsOrder | Unset):
        after (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ResponseItemList | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        response_id=response_id,
        limit=limit,
        order=order,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    response_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    order: ResponsesOperationsListInputItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
) -> ResponseItemList | ResponsesErrorEnvelope | None:
    """List input items

     List the input items of a stored response (the items sent in its `input`, not the history of
    the chain), as a cursor page: pass the last item's id as `after` to get the next page.

    Args:
        response_id (str):
        limit (int | Unset):
        order (ResponsesOperationsListInputItemsOrder | Unset):
        after (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ResponseItemList | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            response_id=response_id,
            client=client,
            limit=limit,
            order=order,
            after=after,
        )
    ).parsed
