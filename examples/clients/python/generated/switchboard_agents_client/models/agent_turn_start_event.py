from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_turn_start_event_type import AgentTurnStartEventType

T = TypeVar("T", bound="AgentTurnStartEvent")


@_attrs_define
class AgentTurnStartEvent:
    """A model turn begins (a prompt has one turn, plus one more after each round of tool calls).

    Attributes:
        type_ (AgentTurnStartEventType):
    """

    type_: AgentTurnStartEventType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentTurnStartEventType(d.pop("type"))

        agent_turn_start_event = cls(
            type_=type_,
        )

        agent_turn_start_event.additional_properties = d
        return agent_turn_start_event

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
