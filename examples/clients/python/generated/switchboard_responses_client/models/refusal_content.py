from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.refusal_content_type import RefusalContentType

T = TypeVar("T", bound="RefusalContent")


@_attrs_define
class RefusalContent:
    """A refusal produced by the agent instead of text.

    Attributes:
        type_ (RefusalContentType):
        refusal (str):
    """

    type_: RefusalContentType
    refusal: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        refusal = self.refusal

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "refusal": refusal,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = RefusalContentType(d.pop("type"))

        refusal = d.pop("refusal")

        refusal_content = cls(
            type_=type_,
            refusal=refusal,
        )

        refusal_content.additional_properties = d
        return refusal_content

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
