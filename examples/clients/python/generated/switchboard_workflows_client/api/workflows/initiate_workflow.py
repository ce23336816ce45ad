from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.workflow_error_envelope import WorkflowErrorEnvelope
from ...models.workflow_initiate_request import WorkflowInitiateRequest
from ...models.workflow_initiate_response import WorkflowInitiateResponse
from ...types import Response


def _get_kwargs(
    *,
    body: WorkflowInitiateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/initiate_workflow",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> WorkflowErrorEnvelope | WorkflowInitiateResponse:
    if response.status_code == 200:
        response_200 = WorkflowInitiateResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = WorkflowErrorEnvelope.from_dict(response.json())

        return response_415

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
) -> Response[WorkflowErrorEnvelope | WorkflowInitiateResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowInitiateRequest,
) -> Response[WorkflowErrorEnvelope | WorkflowInitiateResponse]:
    """Prepare a workflow run

     Prepares a run of the named workflow and mints its `workflow_uuid`. Nothing runs yet: the run
    starts when the returned body is sent as the first frame on `GET /workflows/ws`. The request
    must be `Content-Type: application/json`. The response's `user_id` is the id the server derived
    from the request, else the request's `user_id`, else a freshly minted UUID.

    Checks, in order: the media type (415), the body's JSON and schema (400, `param` names the
    member), authorization for the named workflow (403), the workflow's existence (404 with
    `param: "workflow_name"`). A prepared run that is never connected is eventually discarded.

    Args:
        body (WorkflowInitiateRequest): Asks the server to prepare a run. FastAgency's clients
            send exactly these four members, so the
            body is sealed: an unknown member is a 400 naming it (FastAgency's server would silently
            ignore
            it, which hides typos).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[WorkflowErrorEnvelope | WorkflowInitiateResponse]
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
    body: WorkflowInitiateRequest,
) -> WorkflowErrorEnvelope | WorkflowInitiateResponse | None:
    """Prepare a workflow run

     Prepares a run of the named workflow and mints its `workflow_uuid`. Nothing runs yet: the run
    starts when the returned body is sent as the first frame on `GET /workflows/ws`. The request
    must be `Content-Type: application/json`. The response's `user_id` is the id the server derived
    from the request, else the request's `user_id`, else a freshly minted UUID.

    Checks, in order: the media type (415), the body's JSON and schema (400, `param` names the
    member), authorization for the named workflow (403), the workflow's existence (404 with
    `param: "workflow_name"`). A prepared run that is never connected is eventually discarded.

    Args:
        body (WorkflowInitiateRequest): Asks the server to prepare a run. FastAgency's clients
            send exactly these four members, so the
            body is sealed: an unknown member is a 400 naming it (FastAgency's server would silently
            ignore
            it, which hides typos).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WorkflowErrorEnvelope | WorkflowInitiateResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowInitiateRequest,
) -> Response[WorkflowErrorEnvelope | WorkflowInitiateResponse]:
    """Prepare a workflow run

     Prepares a run of the named workflow and mints its `workflow_uuid`. Nothing runs yet: the run
    starts when the returned body is sent as the first frame on `GET /workflows/ws`. The request
    must be `Content-Type: application/json`. The response's `user_id` is the id the server derived
    from the request, else the request's `user_id`, else a freshly minted UUID.

    Checks, in order: the media type (415), the body's JSON and schema (400, `param` names the
    member), authorization for the named workflow (403), the workflow's existence (404 with
    `param: "workflow_name"`). A prepared run that is never connected is eventually discarded.

    Args:
        body (WorkflowInitiateRequest): Asks the server to prepare a run. FastAgency's clients
            send exactly these four members, so the
            body is sealed: an unknown member is a 400 naming it (FastAgency's server would silently
            ignore
            it, which hides typos).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[WorkflowErrorEnvelope | WorkflowInitiateResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowInitiateRequest,
) -> WorkflowErrorEnvelope | WorkflowInitiateResponse | None:
    """Prepare a workflow run

     Prepares a run of the named workflow and mints its `workflow_uuid`. Nothing runs yet: the run
    starts when the returned body is sent as the first frame on `GET /workflows/ws`. The request
    must be `Content-Type: application/json`. The response's `user_id` is the id the server derived
    from the request, else the request's `user_id`, else a freshly minted UUID.

    Checks, in order: the media type (415), the body's JSON and schema (400, `param` names the
    member), authorization for the named workflow (403), the workflow's existence (404 with
    `param: "workflow_name"`). A prepared run that is never connected is eventually discarded.

    Args:
        body (WorkflowInitiateRequest): Asks the server to prepare a run. FastAgency's clients
            send exactly these four members, so the
            body is sealed: an unknown member is a 400 naming it (FastAgency's server would silently
            ignore
            it, which hides typos).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WorkflowErrorEnvelope | WorkflowInitiateResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
