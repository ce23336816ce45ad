from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResponsesLane")


@_attrs_define
class ResponsesLane:
    """The lane a server frame belongs to: present when the `response.create` frame named one.

    Attributes:
        stream_id (str | Unset): A lane of one socket: `response.create` frames with the same `stream_id` run one after
            another
            in the order they arrived (FIFO), frames of different lanes run concurrently, and every event of
            a response echoes the `stream_id` of the frame that created it. Frames without one share a
            single default lane. Lineage is separate: `previous_response_id` may name a response of
            another lane (a fork).
    """

    stream_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stream_id = self.stream_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if stream_id is not UNSET:
            field_dict["stream_id"] = stream_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        stream_id = d.pop("stream_id", UNSET)

        responses_lane = cls(
            stream_id=stream_id,
        )

        responses_lane.additional_properties = d
        return responses_lane

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
