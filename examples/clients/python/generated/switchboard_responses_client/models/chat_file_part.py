from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_file_part_type import ChatFilePartType

if TYPE_CHECKING:
    from ..models.chat_file_part_file import ChatFilePartFile


T = TypeVar("T", bound="ChatFilePart")


@_attrs_define
class ChatFilePart:
    """A file; refused with 400 (no served agent reads files).

    Attributes:
        type_ (ChatFilePartType):
        file (ChatFilePartFile):
    """

    type_: ChatFilePartType
    file: ChatFilePartFile
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        file = self.file.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "file": file,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_file_part_file import ChatFilePartFile

        d = dict(src_dict)
        type_ = ChatFilePartType(d.pop("type"))

        file = ChatFilePartFile.from_dict(d.pop("file"))

        chat_file_part = cls(
            type_=type_,
            file=file,
        )

        chat_file_part.additional_properties = d
        return chat_file_part

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
