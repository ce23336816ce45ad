from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compaction_item import CompactionItem
from ...models.function_call_output_resource import FunctionCallOutputResource
from ...models.function_tool_call import FunctionToolCall
from ...models.message_resource import MessageResource
from ...models.reasoning_item import ReasoningItem
from ...models.responses_error_envelope import ResponsesErrorEnvelope
from ...types import Response


def _get_kwargs(
    conversation_id: str,
    item_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/conversations/{conversation_id}/items/{item_id}".format(
            conversation_id=quote(str(conversation_id), safe=""),
            item_id=quote(str(item_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    CompactionItem
    | FunctionCallOutputResource
    | FunctionToolCall
    | MessageResource
    | ReasoningItem
    | ResponsesErrorEnvelope
    | None
):
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> (
            CompactionItem
            | FunctionCallOutputResource
            | FunctionToolCall
            | MessageResource
            | ReasoningItem
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_item_resource_type_0 = MessageResource.from_dict(data)

                return componentsschemas_item_resource_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_item_resource_type_1 = FunctionToolCall.from_dict(
                    data
                )

                return componentsschemas_item_resource_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_item_resource_type_2 = (
                    FunctionCallOutputResource.from_dict(data)
                )

                return componentsschemas_item_resource_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_item_resource_type_3 = ReasoningItem.from_dict(data)

                return componentsschemas_item_resource_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_item_resource_type_4 = CompactionItem.from_dict(data)

            return componentsschemas_item_resource_type_4

        response_200 = _parse_response_200(response.json())

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
) -> Response[
    CompactionItem
    | FunctionCallOutputResource
    | FunctionToolCall
    | MessageResource
    | ReasoningItem
    | ResponsesErrorEnvelope
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    conversation_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    CompactionItem
    | FunctionCallOutputResource
    | FunctionToolCall
    | MessageResource
    | ReasoningItem
    | ResponsesErrorEnvelope
]:
    """Retrieve a conversation item

     One item of a conversation.

    Args:
        conversation_id (str):
        item_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompactionItem | FunctionCallOutputResource | FunctionToolCall | MessageResource | ReasoningItem | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        item_id=item_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    CompactionItem
    | FunctionCallOutputResource
    | FunctionToolCall
    | MessageResource
    | ReasoningItem
    | ResponsesErrorEnvelope
    | None
):
    """Retrieve a conversation item

     One item of a conversation.

    Args:
        conversation_id (str):
        item_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompactionItem | FunctionCallOutputResource | FunctionToolCall | MessageResource | ReasoningItem | ResponsesErrorEnvelope
    """

    return sync_detailed(
        conversation_id=conversation_id,
        item_id=item_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    CompactionItem
    | FunctionCallOutputResource
    | FunctionToolCall
    | MessageResource
    | ReasoningItem
    | ResponsesErrorEnvelope
]:
    """Retrieve a conversation item

     One item of a conversation.

    Args:
        conversation_id (str):
        item_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompactionItem | FunctionCallOutputResource | FunctionToolCall | MessageResource | ReasoningItem | ResponsesErrorEnvelope]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        item_id=item_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    CompactionItem
    | FunctionCallOutputResource
    | FunctionToolCall
    | MessageResource
    | ReasoningItem
    | ResponsesErrorEnvelope
    | None
):
    """Retrieve a conversation item

     One item of a conversation.

    Args:
        conversation_id (str):
        item_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompactionItem | FunctionCallOutputResource | FunctionToolCall | MessageResource | ReasoningItem | ResponsesErrorEnvelope
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            item_id=item_id,
            client=client,
        )
    ).parsed
