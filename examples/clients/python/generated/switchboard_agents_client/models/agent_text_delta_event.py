from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_text_delta_event_type import AgentTextDeltaEventType

T = TypeVar("T", bound="AgentTextDeltaEvent")


@_attrs_define
class AgentTextDeltaEvent:
    """A piece of the assistant's text, in order.

    Attributes:
        type_ (AgentTextDeltaEventType):
        text (str):
    """

    type_: AgentTextDeltaEventType
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentTextDeltaEventType(d.pop("type"))

        text = d.pop("text")

        agent_text_delta_event = cls(
            type_=type_,
            text=text,
        )

        agent_text_delta_event.additional_properties = d
        return agent_text_delta_event

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
