from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_user_message_role import AgentUserMessageRole

T = TypeVar("T", bound="AgentUserMessage")


@_attrs_define
class AgentUserMessage:
    """A message the user sent (a prompt, or a dispatch's serialized input).

    Attributes:
        role (AgentUserMessageRole):
        content (str):
    """

    role: AgentUserMessageRole
    content: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = AgentUserMessageRole(d.pop("role"))

        content = d.pop("content")

        agent_user_message = cls(
            role=role,
            content=content,
        )

        agent_user_message.additional_properties = d
        return agent_user_message

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
