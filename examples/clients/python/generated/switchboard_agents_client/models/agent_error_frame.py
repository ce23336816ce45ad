from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_error_frame_type import AgentErrorFrameType
from ..models.agent_error_frame_version import AgentErrorFrameVersion
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_error import AgentError


T = TypeVar("T", bound="AgentErrorFrame")


@_attrs_define
class AgentErrorFrame:
    """A prompt failed (then `requestId` is its id), or a frame was refused: malformed JSON
    (`invalid_json`), a schema violation (`validation_failed`, with the `requestId` when the frame
    carried one), a busy session (`session_busy`), a refused session (`forbidden`). The socket stays
    open in every case.

        Attributes:
            type_ (AgentErrorFrameType):
            version (AgentErrorFrameVersion):
            error (AgentError): What went wrong, in the shape every error of this protocol uses.
            request_id (str | Unset):
    """

    type_: AgentErrorFrameType
    version: AgentErrorFrameVersion
    error: AgentError
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        version = self.version.value

        error = self.error.to_dict()

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "version": version,
                "error": error,
            }
        )
        if request_id is not UNSET:
            field_dict["requestId"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_error import AgentError

        d = dict(src_dict)
        type_ = AgentErrorFrameType(d.pop("type"))

        version = AgentErrorFrameVersion(d.pop("version"))

        error = AgentError.from_dict(d.pop("error"))

        request_id = d.pop("requestId", UNSET)

        agent_error_frame = cls(
            type_=type_,
            version=version,
            error=error,
            request_id=request_id,
        )

        agent_error_frame.additional_properties = d
        return agent_error_frame

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
