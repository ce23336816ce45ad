from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_ping_frame_type import AgentPingFrameType
from ..models.agent_ping_frame_version import AgentPingFrameVersion
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentPingFrame")


@_attrs_define
class AgentPingFrame:
    """Liveness check; answered with `pong` carrying the same `requestId`.

    Attributes:
        type_ (AgentPingFrameType):
        version (AgentPingFrameVersion | Unset):
        request_id (str | Unset):
    """

    type_: AgentPingFrameType
    version: AgentPingFrameVersion | Unset = UNSET
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        version: int | Unset = UNSET
        if not isinstance(self.version, Unset):
            version = self.version.value

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if request_id is not UNSET:
            field_dict["requestId"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentPingFrameType(d.pop("type"))

        _version = d.pop("version", UNSET)
        version: AgentPingFrameVersion | Unset
        if isinstance(_version, Unset):
            version = UNSET
        else:
            version = AgentPingFrameVersion(_version)

        request_id = d.pop("requestId", UNSET)

        agent_ping_frame = cls(
            type_=type_,
            version=version,
            request_id=request_id,
        )

        agent_ping_frame.additional_properties = d
        return agent_ping_frame

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
