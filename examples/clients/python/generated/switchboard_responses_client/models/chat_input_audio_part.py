from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_input_audio_part_type import ChatInputAudioPartType

if TYPE_CHECKING:
    from ..models.chat_input_audio_part_input_audio import ChatInputAudioPartInputAudio


T = TypeVar("T", bound="ChatInputAudioPart")


@_attrs_define
class ChatInputAudioPart:
    """Audio input; refused with 400 (no served agent reads audio).

    Attributes:
        type_ (ChatInputAudioPartType):
        input_audio (ChatInputAudioPartInputAudio):
    """

    type_: ChatInputAudioPartType
    input_audio: ChatInputAudioPartInputAudio
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        input_audio = self.input_audio.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "input_audio": input_audio,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_input_audio_part_input_audio import (
            ChatInputAudioPartInputAudio,
        )

        d = dict(src_dict)
        type_ = ChatInputAudioPartType(d.pop("type"))

        input_audio = ChatInputAudioPartInputAudio.from_dict(d.pop("input_audio"))

        chat_input_audio_part = cls(
            type_=type_,
            input_audio=input_audio,
        )

        chat_input_audio_part.additional_properties = d
        return chat_input_audio_part

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
