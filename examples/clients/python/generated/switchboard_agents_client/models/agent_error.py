from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_error_type import AgentErrorType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_error_details import AgentErrorDetails


T = TypeVar("T", bound="AgentError")


@_attrs_define
class AgentError:
    """What went wrong, in the shape every error of this protocol uses.

    Attributes:
        type_ (AgentErrorType): Machine-readable error kinds. Each one is tied to one HTTP status (see the values).
        message (str): Human-readable description; for `validation_failed` it starts with the offending field.
        details (AgentErrorDetails | Unset): Where an error points.
    """

    type_: AgentErrorType
    message: str
    details: AgentErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_error_details import AgentErrorDetails

        d = dict(src_dict)
        type_ = AgentErrorType(d.pop("type"))

        message = d.pop("message")

        _details = d.pop("details", UNSET)
        details: AgentErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = AgentErrorDetails.from_dict(_details)

        agent_error = cls(
            type_=type_,
            message=message,
            details=details,
        )

        agent_error.additional_properties = d
        return agent_error

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
