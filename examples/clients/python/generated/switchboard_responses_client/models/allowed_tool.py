from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.allowed_tool_type import AllowedToolType

T = TypeVar("T", bound="AllowedTool")


@_attrs_define
class AllowedTool:
    """A tool named in `tool_choice.tools`. Only function tools are served.

    Attributes:
        type_ (AllowedToolType):
        name (str):
    """

    type_: AllowedToolType
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AllowedToolType(d.pop("type"))

        name = d.pop("name")

        allowed_tool = cls(
            type_=type_,
            name=name,
        )

        allowed_tool.additional_properties = d
        return allowed_tool

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
