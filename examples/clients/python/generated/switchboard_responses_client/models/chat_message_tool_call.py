from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_message_tool_call_type import ChatMessageToolCallType

if TYPE_CHECKING:
    from ..models.chat_function_call import ChatFunctionCall


T = TypeVar("T", bound="ChatMessageToolCall")


@_attrs_define
class ChatMessageToolCall:
    """
    Attributes:
        id (str): The call's id; a later `tool` message answers it with `tool_call_id`.
        type_ (ChatMessageToolCallType):
        function (ChatFunctionCall):
    """

    id: str
    type_: ChatMessageToolCallType
    function: ChatFunctionCall
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "function": function,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_function_call import ChatFunctionCall

        d = dict(src_dict)
        id = d.pop("id")

        type_ = ChatMessageToolCallType(d.pop("type"))

        function = ChatFunctionCall.from_dict(d.pop("function"))

        chat_message_tool_call = cls(
            id=id,
            type_=type_,
            function=function,
        )

        chat_message_tool_call.additional_properties = d
        return chat_message_tool_call

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
