from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conversation_object import ConversationObject

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="Conversation")


@_attrs_define
class Conversation:
    """A conversation: a durable list of items. A response created with `conversation` sees its items and appends its input
    and output to it.

        Attributes:
            id (str): Starts with `conv_`.
            object_ (ConversationObject):
            created_at (int):
            metadata (Metadata): Up to 16 string pairs attached to the response (keys ≤ 64 characters, values ≤ 512).
    """

    id: str
    object_: ConversationObject
    created_at: int
    metadata: Metadata
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_.value

        created_at = self.created_at

        metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created_at": created_at,
                "metadata": metadata,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metadata import Metadata

        d = dict(src_dict)
        id = d.pop("id")

        object_ = ConversationObject(d.pop("object"))

        created_at = d.pop("created_at")

        metadata = Metadata.from_dict(d.pop("metadata"))

        conversation = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            metadata=metadata,
        )

        conversation.additional_properties = d
        return conversation

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
