from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_result_frame_type import AgentResultFrameType
from ..models.agent_result_frame_version import AgentResultFrameVersion

if TYPE_CHECKING:
    from ..models.agent_result import AgentResult


T = TypeVar("T", bound="AgentResultFrame")


@_attrs_define
class AgentResultFrame:
    """The prompt completed. With pyflue's framing this is the one frame a prompt gets (pyflue's
    client reads `result.text`); `requestId` is then the id the server assigned.

        Attributes:
            type_ (AgentResultFrameType):
            version (AgentResultFrameVersion):
            request_id (str):
            result (AgentResult): The outcome of one prompt.
    """

    type_: AgentResultFrameType
    version: AgentResultFrameVersion
    request_id: str
    result: AgentResult
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        version = self.version.value

        request_id = self.request_id

        result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "version": version,
                "requestId": request_id,
                "result": result,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_result import AgentResult

        d = dict(src_dict)
        type_ = AgentResultFrameType(d.pop("type"))

        version = AgentResultFrameVersion(d.pop("version"))

        request_id = d.pop("requestId")

        result = AgentResult.from_dict(d.pop("result"))

        agent_result_frame = cls(
            type_=type_,
            version=version,
            request_id=request_id,
            result=result,
        )

        agent_result_frame.additional_properties = d
        return agent_result_frame

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
