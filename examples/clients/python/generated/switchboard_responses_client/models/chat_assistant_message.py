from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_assistant_message_role import ChatAssistantMessageRole
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_message_tool_call import ChatMessageToolCall
    from ..models.chat_refusal_part import ChatRefusalPart
    from ..models.chat_text_part import ChatTextPart


T = TypeVar("T", bound="ChatAssistantMessage")


@_attrs_define
class ChatAssistantMessage:
    """An earlier answer of the agent, with the client tool calls it made.

    Attributes:
        role (ChatAssistantMessageRole):
        content (list[ChatRefusalPart | ChatTextPart] | None | str | Unset):
        refusal (None | str | Unset):
        name (str | Unset):
        tool_calls (list[ChatMessageToolCall] | Unset):
        audio (None | Unset): Earlier audio answers cannot be given back: only `null` is accepted.
    """

    role: ChatAssistantMessageRole
    content: list[ChatRefusalPart | ChatTextPart] | None | str | Unset = UNSET
    refusal: None | str | Unset = UNSET
    name: str | Unset = UNSET
    tool_calls: list[ChatMessageToolCall] | Unset = UNSET
    audio: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.chat_text_part import ChatTextPart

        role = self.role.value

        content: list[dict[str, Any]] | None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item: dict[str, Any]
                if isinstance(content_type_1_item_data, ChatTextPart):
                    content_type_1_item = content_type_1_item_data.to_dict()
                else:
                    content_type_1_item = content_type_1_item_data.to_dict()

                content.append(content_type_1_item)

        else:
            content = self.content

        refusal: None | str | Unset
        if isinstance(self.refusal, Unset):
            refusal = UNSET
        else:
            refusal = self.refusal

        name = self.name

        tool_calls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tool_calls, Unset):
            tool_calls = []
            for tool_calls_item_data in self.tool_calls:
                tool_calls_item = tool_calls_item_data.to_dict()
                tool_calls.append(tool_calls_item)

        audio = self.audio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
            }
        )
        if content is not UNSET:
            field_dict["content"] = content
        if refusal is not UNSET:
            field_dict["refusal"] = refusal
        if name is not UNSET:
            field_dict["name"] = name
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls
        if audio is not UNSET:
            field_dict["audio"] = audio

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_message_tool_call import ChatMessageToolCall
        from ..models.chat_refusal_part import ChatRefusalPart
        from ..models.chat_text_part import ChatTextPart

        d = dict(src_dict)
        role = ChatAssistantMessageRole(d.pop("role"))

        def _parse_content(
            data: object,
        ) -> list[ChatRefusalPart | ChatTextPart] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                content_type_1 = []
                _content_type_1 = data
                for content_type_1_item_data in _content_type_1:

                    def _parse_content_type_1_item(
                        data: object,
                    ) -> ChatRefusalPart | ChatTextPart:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_chat_assistant_content_part_type_0 = (
                                ChatTextPart.from_dict(data)
                            )

                            return componentsschemas_chat_assistant_content_part_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_chat_assistant_content_part_type_1 = (
                            ChatRefusalPart.from_dict(data)
                        )

                        return componentsschemas_chat_assistant_content_part_type_1

                    content_type_1_item = _parse_content_type_1_item(
                        content_type_1_item_data
                    )

                    content_type_1.append(content_type_1_item)

                return content_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChatRefusalPart | ChatTextPart] | None | str | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_refusal(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        refusal = _parse_refusal(d.pop("refusal", UNSET))

        name = d.pop("name", UNSET)

        _tool_calls = d.pop("tool_calls", UNSET)
        tool_calls: list[ChatMessageToolCall] | Unset = UNSET
        if _tool_calls is not UNSET:
            tool_calls = []
            for tool_calls_item_data in _tool_calls:
                tool_calls_item = ChatMessageToolCall.from_dict(tool_calls_item_data)

                tool_calls.append(tool_calls_item)

        audio = d.pop("audio", UNSET)

        chat_assistant_message = cls(
            role=role,
            content=content,
            refusal=refusal,
            name=name,
            tool_calls=tool_calls,
            audio=audio,
        )

        chat_assistant_message.additional_properties = d
        return chat_assistant_message

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
