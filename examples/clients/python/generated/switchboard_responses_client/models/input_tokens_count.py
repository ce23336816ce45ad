from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.input_tokens_count_object import InputTokensCountObject

T = TypeVar("T", bound="InputTokensCount")


@_attrs_define
class InputTokensCount:
    """
    Attributes:
        object_ (InputTokensCountObject):
        input_tokens (int):
    """

    object_: InputTokensCountObject
    input_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_.value

        input_tokens = self.input_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "input_tokens": input_tokens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        object_ = InputTokensCountObject(d.pop("object"))

        input_tokens = d.pop("input_tokens")

        input_tokens_count = cls(
            object_=object_,
            input_tokens=input_tokens,
        )

        input_tokens_count.additional_properties = d
        return input_tokens_count

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
