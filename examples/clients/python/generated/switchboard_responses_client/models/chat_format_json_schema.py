from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_format_json_schema_type import ChatFormatJsonSchemaType

if TYPE_CHECKING:
    from ..models.chat_json_schema import ChatJsonSchema


T = TypeVar("T", bound="ChatFormatJsonSchema")


@_attrs_define
class ChatFormatJsonSchema:
    """
    Attributes:
        type_ (ChatFormatJsonSchemaType):
        json_schema (ChatJsonSchema):
    """

    type_: ChatFormatJsonSchemaType
    json_schema: ChatJsonSchema
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        json_schema = self.json_schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "json_schema": json_schema,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_json_schema import ChatJsonSchema

        d = dict(src_dict)
        type_ = ChatFormatJsonSchemaType(d.pop("type"))

        json_schema = ChatJsonSchema.from_dict(d.pop("json_schema"))

        chat_format_json_schema = cls(
            type_=type_,
            json_schema=json_schema,
        )

        chat_format_json_schema.additional_properties = d
        return chat_format_json_schema

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
