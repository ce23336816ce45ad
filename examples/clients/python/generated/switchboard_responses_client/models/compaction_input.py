from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compaction_input_type import CompactionInputType
from ..types import UNSET, Unset

T = TypeVar("T", bound="CompactionInput")


@_attrs_define
class CompactionInput:
    """The compacted history returned by `POST /v1/responses/compact`, passed back as input.

    Attributes:
        type_ (CompactionInputType):
        encrypted_content (str):
        id (None | str | Unset):
    """

    type_: CompactionInputType
    encrypted_content: str
    id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        encrypted_content = self.encrypted_content

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "encrypted_content": encrypted_content,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = CompactionInputType(d.pop("type"))

        encrypted_content = d.pop("encrypted_content")

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        compaction_input = cls(
            type_=type_,
            encrypted_content=encrypted_content,
            id=id,
        )

        compaction_input.additional_properties = d
        return compaction_input

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
