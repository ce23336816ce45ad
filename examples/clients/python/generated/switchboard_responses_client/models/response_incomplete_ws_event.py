from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_incomplete_ws_event_type import ResponseIncompleteWsEventType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.response_object import ResponseObject


T = TypeVar("T", bound="ResponseIncompleteWsEvent")


@_attrs_define
class ResponseIncompleteWsEvent:
    """
    Attributes:
        type_ (ResponseIncompleteWsEventType):
        sequence_number (int):
        response (ResponseObject): A response: the agent's answer to one request. Carries every field OpenAI's Response
            object and
            Open Responses' ResponseResource mark required, with their types (sampling settings are numbers:
            the defaults when the request left them out). Timestamps are integer Unix seconds.
        stream_id (str | Unset): A lane of one socket: `response.create` frames with the same `stream_id` run one after
            another
            in the order they arrived (FIFO), frames of different lanes run concurrently, and every event of
            a response echoes the `stream_id` of the frame that created it. Frames without one share a
            single default lane. Lineage is separate: `previous_response_id` may name a response of
            another lane (a fork).
    """

    type_: ResponseIncompleteWsEventType
    sequence_number: int
    response: ResponseObject
    stream_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        sequence_number = self.sequence_number

        response = self.response.to_dict()

        stream_id = self.stream_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "sequence_number": sequence_number,
                "response": response,
            }
        )
        if stream_id is not UNSET:
            field_dict["stream_id"] = stream_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.response_object import ResponseObject

        d = dict(src_dict)
        type_ = ResponseIncompleteWsEventType(d.pop("type"))

        sequence_number = d.pop("sequence_number")

        response = ResponseObject.from_dict(d.pop("response"))

        stream_id = d.pop("stream_id", UNSET)

        response_incomplete_ws_event = cls(
            type_=type_,
            sequence_number=sequence_number,
            response=response,
            stream_id=stream_id,
        )

        response_incomplete_ws_event.additional_properties = d
        return response_incomplete_ws_event

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
