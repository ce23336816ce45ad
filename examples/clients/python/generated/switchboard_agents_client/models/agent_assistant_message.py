from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_assistant_message_role import AgentAssistantMessageRole
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_tool_call_record import AgentToolCallRecord


T = TypeVar("T", bound="AgentAssistantMessage")


@_attrs_define
class AgentAssistantMessage:
    """A message the model wrote; it may ask for tool calls.

    Attributes:
        role (AgentAssistantMessageRole):
        content (str):
        tool_calls (list[AgentToolCallRecord] | Unset):
    """

    role: AgentAssistantMessageRole
    content: str
    tool_calls: list[AgentToolCallRecord] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        content = self.content

        tool_calls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tool_calls, Unset):
            tool_calls = []
            for tool_calls_item_data in self.tool_calls:
                tool_calls_item = tool_calls_item_data.to_dict()
                tool_calls.append(tool_calls_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "content": content,
            }
        )
        if tool_calls is not UNSET:
            field_dict["toolCalls"] = tool_calls

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_tool_call_record import AgentToolCallRecord

        d = dict(src_dict)
        role = AgentAssistantMessageRole(d.pop("role"))

        content = d.pop("content")

        _tool_calls = d.pop("toolCalls", UNSET)
        tool_calls: list[AgentToolCallRecord] | Unset = UNSET
        if _tool_calls is not UNSET:
            tool_calls = []
            for tool_calls_item_data in _tool_calls:
                tool_calls_item = AgentToolCallRecord.from_dict(tool_calls_item_data)

                tool_calls.append(tool_calls_item)

        agent_assistant_message = cls(
            role=role,
            content=content,
            tool_calls=tool_calls,
        )

        agent_assistant_message.additional_properties = d
        return agent_assistant_message

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
