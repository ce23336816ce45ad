from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_prompt_frame_type import AgentPromptFrameType
from ..models.agent_prompt_frame_version import AgentPromptFrameVersion
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentPromptFrame")


@_attrs_define
class AgentPromptFrame:
    """Ask the agent something. Without `requestId` the server assigns one and echoes it in every
    answer frame; such prompts are run one after another in the order they arrived, so a client
    that never sends ids can match answers by order (pyflue clients do). Prompts with distinct
    `requestId`s run concurrently when they address different sessions.

        Attributes:
            type_ (AgentPromptFrameType):
            message (str):
            version (AgentPromptFrameVersion | Unset):
            request_id (str | Unset): Client-chosen correlation id, unique among this socket's running prompts.
            session (str | Unset): A session name: an independent conversation thread of one agent instance. Control
                characters
                (U+0000–U+001F, U+007F) are refused: names are stored and logged as they are.
    """

    type_: AgentPromptFrameType
    message: str
    version: AgentPromptFrameVersion | Unset = UNSET
    request_id: str | Unset = UNSET
    session: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        message = self.message

        version: int | Unset = UNSET
        if not isinstance(self.version, Unset):
            version = self.version.value

        request_id = self.request_id

        session = self.session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message": message,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if request_id is not UNSET:
            field_dict["requestId"] = request_id
        if session is not UNSET:
            field_dict["session"] = session

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentPromptFrameType(d.pop("type"))

        message = d.pop("message")

        _version = d.pop("version", UNSET)
        version: AgentPromptFrameVersion | Unset
        if isinstance(_version, Unset):
            version = UNSET
        else:
            version = AgentPromptFrameVersion(_version)

        request_id = d.pop("requestId", UNSET)

        session = d.pop("session", UNSET)

        agent_prompt_frame = cls(
            type_=type_,
            message=message,
            version=version,
            request_id=request_id,
            session=session,
        )

        agent_prompt_frame.additional_properties = d
        return agent_prompt_frame

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
