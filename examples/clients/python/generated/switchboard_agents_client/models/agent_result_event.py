from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_result_event_type import AgentResultEventType

if TYPE_CHECKING:
    from ..models.agent_result import AgentResult


T = TypeVar("T", bound="AgentResultEvent")


@_attrs_define
class AgentResultEvent:
    """The prompt completed; carries the same object a JSON prompt answers with.

    Attributes:
        type_ (AgentResultEventType):
        result (AgentResult): The outcome of one prompt.
    """

    type_: AgentResultEventType
    result: AgentResult
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "result": result,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_result import AgentResult

        d = dict(src_dict)
        type_ = AgentResultEventType(d.pop("type"))

        result = AgentResult.from_dict(d.pop("result"))

        agent_result_event = cls(
            type_=type_,
            result=result,
        )

        agent_result_event.additional_properties = d
        return agent_result_event

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
