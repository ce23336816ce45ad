from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_turn_end_event_type import AgentTurnEndEventType

if TYPE_CHECKING:
    from ..models.agent_usage import AgentUsage


T = TypeVar("T", bound="AgentTurnEndEvent")


@_attrs_define
class AgentTurnEndEvent:
    """A model turn ended.

    Attributes:
        type_ (AgentTurnEndEventType):
        usage (AgentUsage): Token counts of one model turn or of a whole prompt. The snake-case members repeat the
            counts
            under the names pyflue's result envelope uses (`input`, `output`, `total_tokens`).
    """

    type_: AgentTurnEndEventType
    usage: AgentUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_usage import AgentUsage

        d = dict(src_dict)
        type_ = AgentTurnEndEventType(d.pop("type"))

        usage = AgentUsage.from_dict(d.pop("usage"))

        agent_turn_end_event = cls(
            type_=type_,
            usage=usage,
        )

        agent_turn_end_event.additional_properties = d
        return agent_turn_end_event

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
