from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.workflow_initiate_response_params import (
        WorkflowInitiateResponseParams,
    )


T = TypeVar("T", bound="WorkflowInitiateResponse")


@_attrs_define
class WorkflowInitiateResponse:
    """The prepared run. This body is, unchanged, the first frame the client sends on the WebSocket.
    The run starts only when that frame arrives; a prepared run that is never connected expires.

        Attributes:
            name (str): The workflow's name (the request's `workflow_name`).
            workflow_uuid (str): A workflow run's UUID: 32 hexadecimal digits, with or without the four hyphens, any case.
            user_id (None | str): The run's user id (see the request's `user_id`).
            params (WorkflowInitiateResponseParams): The parameters, as given (or `{}`).
    """

    name: str
    workflow_uuid: str
    user_id: None | str
    params: WorkflowInitiateResponseParams
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        workflow_uuid = self.workflow_uuid

        user_id: None | str
        user_id = self.user_id

        params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "workflow_uuid": workflow_uuid,
                "user_id": user_id,
                "params": params,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_initiate_response_params import (
            WorkflowInitiateResponseParams,
        )

        d = dict(src_dict)
        name = d.pop("name")

        workflow_uuid = d.pop("workflow_uuid")

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        params = WorkflowInitiateResponseParams.from_dict(d.pop("params"))

        workflow_initiate_response = cls(
            name=name,
            workflow_uuid=workflow_uuid,
            user_id=user_id,
            params=params,
        )

        workflow_initiate_response.additional_properties = d
        return workflow_initiate_response

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
