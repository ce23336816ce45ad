from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compaction_item_type import CompactionItemType

T = TypeVar("T", bound="CompactionItem")


@_attrs_define
class CompactionItem:
    """A compaction item: the summary of the history it replaces, as opaque text. Send it back as input
    unchanged; Switchboard reads it, other servers may not.

        Attributes:
            type_ (CompactionItemType):
            id (str): Starts with `cmp_`.
            encrypted_content (str):
    """

    type_: CompactionItemType
    id: str
    encrypted_content: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id = self.id

        encrypted_content = self.encrypted_content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "encrypted_content": encrypted_content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = CompactionItemType(d.pop("type"))

        id = d.pop("id")

        encrypted_content = d.pop("encrypted_content")

        compaction_item = cls(
            type_=type_,
            id=id,
            encrypted_content=encrypted_content,
        )

        compaction_item.additional_properties = d
        return compaction_item

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
