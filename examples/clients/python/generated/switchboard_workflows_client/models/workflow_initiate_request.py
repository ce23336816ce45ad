from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_initiate_request_params import WorkflowInitiateRequestParams


T = TypeVar("T", bound="WorkflowInitiateRequest")


@_attrs_define
class WorkflowInitiateRequest:
    """Asks the server to prepare a run. FastAgency's clients send exactly these four members, so the
    body is sealed: an unknown member is a 400 naming it (FastAgency's server would silently ignore
    it, which hides typos).

        Attributes:
            workflow_name (str): The workflow to run, as listed by discovery. Unknown → 404 `workflow_not_found`.
            workflow_uuid (str | Unset): The server always mints a fresh `workflow_uuid` (as FastAgency does); this one only
                decides
                the form of the minted one: 32 hex digits when this is a hyphen-less UUID (as FastAgency's
                provider sends), hyphenated otherwise.
            user_id (None | str | Unset): The caller's user id. Used as the run's `user_id` unless the server derives one
                from the
                request (then this member is ignored). When neither is available the server mints a UUID,
                because FastAgency's clients parse `user_id` as a UUID.
            params (WorkflowInitiateRequestParams | Unset): Parameters handed to the workflow. Default `{}`.
    """

    workflow_name: str
    workflow_uuid: str | Unset = UNSET
    user_id: None | str | Unset = UNSET
    params: WorkflowInitiateRequestParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_name = self.workflow_name

        workflow_uuid = self.workflow_uuid

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_name": workflow_name,
            }
        )
        if workflow_uuid is not UNSET:
            field_dict["workflow_uuid"] = workflow_uuid
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_initiate_request_params import (
            WorkflowInitiateRequestParams,
        )

        d = dict(src_dict)
        workflow_name = d.pop("workflow_name")

        workflow_uuid = d.pop("workflow_uuid", UNSET)

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        _params = d.pop("params", UNSET)
        params: WorkflowInitiateRequestParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = WorkflowInitiateRequestParams.from_dict(_params)

        workflow_initiate_request = cls(
            workflow_name=workflow_name,
            workflow_uuid=workflow_uuid,
            user_id=user_id,
            params=params,
        )

        workflow_initiate_request.additional_properties = d
        return workflow_initiate_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
