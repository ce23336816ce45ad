from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_error_event_type import AgentErrorEventType

if TYPE_CHECKING:
    from ..models.agent_error import AgentError


T = TypeVar("T", bound="AgentErrorEvent")


@_attrs_define
class AgentErrorEvent:
    """The prompt failed (or was aborted: `error.type` is `aborted`). Terminal on an SSE stream.

    Attributes:
        type_ (AgentErrorEventType):
        error (AgentError): What went wrong, in the shape every error of this protocol uses.
    """

    type_: AgentErrorEventType
    error: AgentError
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_error import AgentError

        d = dict(src_dict)
        type_ = AgentErrorEventType(d.pop("type"))

        error = AgentError.from_dict(d.pop("error"))

        agent_error_event = cls(
            type_=type_,
            error=error,
        )

        agent_error_event.additional_properties = d
        return agent_error_event

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
