from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_ready_frame_target import AgentReadyFrameTarget
from ..models.agent_ready_frame_type import AgentReadyFrameType
from ..models.agent_ready_frame_version import AgentReadyFrameVersion

T = TypeVar("T", bound="AgentReadyFrame")


@_attrs_define
class AgentReadyFrame:
    """First frame on a socket that selected `switchboard.v1`; never sent with pyflue's framing.

    Attributes:
        type_ (AgentReadyFrameType):
        version (AgentReadyFrameVersion):
        target (AgentReadyFrameTarget):
        name (str): The agent's name.
        instance_id (str): The instance id from the URL.
    """

    type_: AgentReadyFrameType
    version: AgentReadyFrameVersion
    target: AgentReadyFrameTarget
    name: str
    instance_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        version = self.version.value

        target = self.target.value

        name = self.name

        instance_id = self.instance_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "version": version,
                "target": target,
                "name": name,
                "instanceId": instance_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentReadyFrameType(d.pop("type"))

        version = AgentReadyFrameVersion(d.pop("version"))

        target = AgentReadyFrameTarget(d.pop("target"))

        name = d.pop("name")

        instance_id = d.pop("instanceId")

        agent_ready_frame = cls(
            type_=type_,
            version=version,
            target=target,
            name=name,
            instance_id=instance_id,
        )

        agent_ready_frame.additional_properties = d
        return agent_ready_frame

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
