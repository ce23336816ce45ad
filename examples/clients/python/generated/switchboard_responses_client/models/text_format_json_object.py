from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.text_format_json_object_type import TextFormatJsonObjectType

T = TypeVar("T", bound="TextFormatJsonObject")


@_attrs_define
class TextFormatJsonObject:
    """Output that is one JSON object: the final text must parse as an object, or the response fails.

    Attributes:
        type_ (TextFormatJsonObjectType):
    """

    type_: TextFormatJsonObjectType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = TextFormatJsonObjectType(d.pop("type"))

        text_format_json_object = cls(
            type_=type_,
        )

        text_format_json_object.additional_properties = d
        return text_format_json_object

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
