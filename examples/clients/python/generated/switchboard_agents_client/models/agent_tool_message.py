from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_tool_message_role import AgentToolMessageRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentToolMessage")


@_attrs_define
class AgentToolMessage:
    """The result of one tool call, fed back to the model.

    Attributes:
        role (AgentToolMessageRole):
        tool_call_id (str): The `toolCalls[].id` this answers.
        content (str): The tool's result as text (JSON text for structured results).
        name (str | Unset): The tool's name.
    """

    role: AgentToolMessageRole
    tool_call_id: str
    content: str
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        tool_call_id = self.tool_call_id

        content = self.content

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "toolCallId": tool_call_id,
                "content": content,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = AgentToolMessageRole(d.pop("role"))

        tool_call_id = d.pop("toolCallId")

        content = d.pop("content")

        name = d.pop("name", UNSET)

        agent_tool_message = cls(
            role=role,
            tool_call_id=tool_call_id,
            content=content,
            name=name,
        )

        agent_tool_message.additional_properties = d
        return agent_tool_message

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
