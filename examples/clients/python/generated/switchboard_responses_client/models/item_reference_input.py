from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.item_reference_input_type import ItemReferenceInputType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ItemReferenceInput")


@_attrs_define
class ItemReferenceInput:
    """Refers to a stored item (an input or output item of a stored response, or a conversation item) by id; it is replaced
    by that item. Unknown → 400.

        Attributes:
            id (str):
            type_ (ItemReferenceInputType | Unset):
    """

    id: str
    type_: ItemReferenceInputType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        _type_ = d.pop("type", UNSET)
        type_: ItemReferenceInputType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ItemReferenceInputType(_type_)

        item_reference_input = cls(
            id=id,
            type_=type_,
        )

        item_reference_input.additional_properties = d
        return item_reference_input

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
