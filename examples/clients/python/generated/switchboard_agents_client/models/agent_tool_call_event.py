from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_tool_call_event_type import AgentToolCallEventType

T = TypeVar("T", bound="AgentToolCallEvent")


@_attrs_define
class AgentToolCallEvent:
    """A tool finished; its result is fed back to the model.

    Attributes:
        type_ (AgentToolCallEventType):
        tool_name (str):
        tool_call_id (str):
        is_error (bool): True when the tool threw or its arguments were invalid; `result` is then the error message.
        result (Any): What the tool returned.
        duration_ms (float): Wall-clock duration of the tool call in milliseconds.
    """

    type_: AgentToolCallEventType
    tool_name: str
    tool_call_id: str
    is_error: bool
    result: Any
    duration_ms: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        tool_name = self.tool_name

        tool_call_id = self.tool_call_id

        is_error = self.is_error

        result = self.result

        duration_ms = self.duration_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "toolName": tool_name,
                "toolCallId": tool_call_id,
                "isError": is_error,
                "result": result,
                "durationMs": duration_ms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentToolCallEventType(d.pop("type"))

        tool_name = d.pop("toolName")

        tool_call_id = d.pop("toolCallId")

        is_error = d.pop("isError")

        result = d.pop("result")

        duration_ms = d.pop("durationMs")

        agent_tool_call_event = cls(
            type_=type_,
            tool_name=tool_name,
            tool_call_id=tool_call_id,
            is_error=is_error,
            result=result,
            duration_ms=duration_ms,
        )

        agent_tool_call_event.additional_properties = d
        return agent_tool_call_event

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
