from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_tool_start_event_type import AgentToolStartEventType

T = TypeVar("T", bound="AgentToolStartEvent")


@_attrs_define
class AgentToolStartEvent:
    """The agent starts running one of its tools.

    Attributes:
        type_ (AgentToolStartEventType):
        tool_name (str):
        tool_call_id (str): Correlates this event with its `tool_call` event.
        args (Any): The arguments the model gave the tool (parsed JSON; the raw text when it was not JSON).
    """

    type_: AgentToolStartEventType
    tool_name: str
    tool_call_id: str
    args: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        tool_name = self.tool_name

        tool_call_id = self.tool_call_id

        args = self.args

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "toolName": tool_name,
                "toolCallId": tool_call_id,
                "args": args,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentToolStartEventType(d.pop("type"))

        tool_name = d.pop("toolName")

        tool_call_id = d.pop("toolCallId")

        args = d.pop("args")

        agent_tool_start_event = cls(
            type_=type_,
            tool_name=tool_name,
            tool_call_id=tool_call_id,
            args=args,
        )

        agent_tool_start_event.additional_properties = d
        return agent_tool_start_event

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
