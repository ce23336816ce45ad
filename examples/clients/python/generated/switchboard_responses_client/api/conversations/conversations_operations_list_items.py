from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation_item_list import ConversationItemList
from ...models.conversations_operations_list_items_order import (
    ConversationsOperationsListItemsOrder,
)
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_id: str,
    *,
    limit: int | Unset = UNSET,
    order: ConversationsOperationsListItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
    include: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["after"] = after

    json_include: list[str] | Unset = UNSET
    if not isinstance(include, Unset):
        json_include = include

    params["include"] = json_include

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/conversations/{conversation_id}/items".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConversationItemList | ResponsesErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = ConversationItemList.from_dict(response.json())

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
) -> Response[ConversationItemList | ResponsesErrorEnvelope]:
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
    limit: int | Unset = UNSET,
    order: ConversationsOperationsListItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
    include: list[str] | Unset = UNSET,
) -> Response[ConversationItemList | ResponsesErrorEnvelope]:
    """List conversation items

     List a conversation's items as a cursor page (`after` is the last item id of the previous page).

    Args:
        conversation_id (str):
        limit (int | Unset):
        order (ConversationsOperationsListItemsOrder | Unset):
        after (str | Unset):
        include (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversationItemList | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        limit=limit,
        order=order,
        after=after,
        include=include,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    order: ConversationsOperationsListItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
    include: list[str] | Unset = UNSET,
) -> ConversationItemList | ResponsesErrorEnvelope | None:
    """List conversation items

     List a conversation's items as a cursor page (`after` is the last item id of the previous page).

    Args:
        conversation_id (str):
        limit (int | Unset):
        order (ConversationsOperationsListItemsOrder | Unset):
        after (str | Unset):
        include (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversationItemList | ResponsesErrorEnvelope
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
        limit=limit,
        order=order,
        after=after,
        include=include,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    order: ConversationsOperationsListItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
    include: list[str] | Unset = UNSET,
) -> Response[ConversationItemList | ResponsesErrorEnvelope]:
    """List conversation items

     List a conversation's items as a cursor page (`after` is the last item id of the previous page).

    Args:
        conversation_id (str):
        limit (int | Unset):
        order (ConversationsOperationsListItemsOrder | Unset):
        after (str | Unset):
        include (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversationItemList | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        limit=limit,
        order=order,
        after=after,
        include=include,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    order: ConversationsOperationsListItemsOrder | Unset = UNSET,
    after: str | Unset = UNSET,
    include: list[str] | Unset = UNSET,
) -> ConversationItemList | ResponsesErrorEnvelope | None:
    """List conversation items

     List a conversation's items as a cursor page (`after` is the last item id of the previous page).

    Args:
        conversation_id (str):
        limit (int | Unset):
        order (ConversationsOperationsListItemsOrder | Unset):
        after (str | Unset):
        include (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversationItemList | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            limit=limit,
            order=order,
            after=after,
            include=include,
        )
    ).parsed
