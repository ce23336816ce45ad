from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_image_part_type import ChatImagePartType

if TYPE_CHECKING:
    from ..models.chat_image_url import ChatImageUrl


T = TypeVar("T", bound="ChatImagePart")


@_attrs_define
class ChatImagePart:
    """An image; refused with 400 by agents whose model reads no images.

    Attributes:
        type_ (ChatImagePartType):
        image_url (ChatImageUrl):
    """

    type_: ChatImagePartType
    image_url: ChatImageUrl
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        image_url = self.image_url.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "image_url": image_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_image_url import ChatImageUrl

        d = dict(src_dict)
        type_ = ChatImagePartType(d.pop("type"))

        image_url = ChatImageUrl.from_dict(d.pop("image_url"))

        chat_image_part = cls(
            type_=type_,
            image_url=image_url,
        )

        chat_image_part.additional_properties = d
        return chat_image_part

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
