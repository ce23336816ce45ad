from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_tool_type import ChatToolType

if TYPE_CHECKING:
    from ..models.chat_function_definition import ChatFunctionDefinition


T = TypeVar("T", bound="ChatTool")


@_attrs_define
class ChatTool:
    """A client function tool: when the agent calls it, the completion ends with `tool_calls`.

    Attributes:
        type_ (ChatToolType):
        function (ChatFunctionDefinition):
    """

    type_: ChatToolType
    function: ChatFunctionDefinition
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "function": function,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_function_definition import ChatFunctionDefinition

        d = dict(src_dict)
        type_ = ChatToolType(d.pop("type"))

        function = ChatFunctionDefinition.from_dict(d.pop("function"))

        chat_tool = cls(
            type_=type_,
            function=function,
        )

        chat_tool.additional_properties = d
        return chat_tool

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
