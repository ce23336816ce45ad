from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_abort_frame_type import AgentAbortFrameType
from ..models.agent_abort_frame_version import AgentAbortFrameVersion
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentAbortFrame")


@_attrs_define
class AgentAbortFrame:
    """Stop a running prompt of this socket. Aborting an unknown or finished request does nothing.

    Attributes:
        type_ (AgentAbortFrameType):
        request_id (str):
        version (AgentAbortFrameVersion | Unset):
    """

    type_: AgentAbortFrameType
    request_id: str
    version: AgentAbortFrameVersion | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        request_id = self.request_id

        version: int | Unset = UNSET
        if not isinstance(self.version, Unset):
            version = self.version.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "requestId": request_id,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentAbortFrameType(d.pop("type"))

        request_id = d.pop("requestId")

        _version = d.pop("version", UNSET)
        version: AgentAbortFrameVersion | Unset
        if isinstance(_version, Unset):
            version = UNSET
        else:
            version = AgentAbortFrameVersion(_version)

        agent_abort_frame = cls(
            type_=type_,
            request_id=request_id,
            version=version,
        )

        agent_abort_frame.additional_properties = d
        return agent_abort_frame

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
