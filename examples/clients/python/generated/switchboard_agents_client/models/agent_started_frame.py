from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_started_frame_type import AgentStartedFrameType
from ..models.agent_started_frame_version import AgentStartedFrameVersion

T = TypeVar("T", bound="AgentStartedFrame")


@_attrs_define
class AgentStartedFrame:
    """A prompt was accepted and started; sent before its events (`switchboard.v1` only).

    Attributes:
        type_ (AgentStartedFrameType):
        version (AgentStartedFrameVersion):
        request_id (str):
        session (str): The session the prompt runs in.
    """

    type_: AgentStartedFrameType
    version: AgentStartedFrameVersion
    request_id: str
    session: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        version = self.version.value

        request_id = self.request_id

        session = self.session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "version": version,
                "requestId": request_id,
                "session": session,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentStartedFrameType(d.pop("type"))

        version = AgentStartedFrameVersion(d.pop("version"))

        request_id = d.pop("requestId")

        session = d.pop("session")

        agent_started_frame = cls(
            type_=type_,
            version=version,
            request_id=request_id,
            session=session,
        )

        agent_started_frame.additional_properties = d
        return agent_started_frame

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
