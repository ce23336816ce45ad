from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.workflow_started_content_params import WorkflowStartedContentParams


T = TypeVar("T", bound="WorkflowStartedContent")


@_attrs_define
class WorkflowStartedContent:
    """Content of `workflow_started`.

    Attributes:
        name (str): The workflow's name.
        description (str): The workflow's description, as in discovery.
        params (WorkflowStartedContentParams): The run's parameters.
    """

    name: str
    description: str
    params: WorkflowStartedContentParams
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "params": params,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_started_content_params import (
            WorkflowStartedContentParams,
        )

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        params = WorkflowStartedContentParams.from_dict(d.pop("params"))

        workflow_started_content = cls(
            name=name,
            description=description,
            params=params,
        )

        workflow_started_content.additional_properties = d
        return workflow_started_content

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
