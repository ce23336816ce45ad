from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_function_call_arguments_delta_ws_event_type import (
    ResponseFunctionCallArgumentsDeltaWsEventType,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ResponseFunctionCallArgumentsDeltaWsEvent")


@_attrs_define
class ResponseFunctionCallArgumentsDeltaWsEvent:
    """
    Attributes:
        type_ (ResponseFunctionCallArgumentsDeltaWsEventType):
        sequence_number (int):
        item_id (str):
        output_index (int):
        delta (str):
        stream_id (str | Unset): A lane of one socket: `response.create` frames with the same `stream_id` run one after
            another
            in the order they arrived (FIFO), frames of different lanes run concurrently, and every event of
            a response echoes the `stream_id` of the frame that created it. Frames without one share a
            single default lane. Lineage is separate: `previous_response_id` may name a response of
            another lane (a fork).
    """

    type_: ResponseFunctionCallArgumentsDeltaWsEventType
    sequence_number: int
    item_id: str
    output_index: int
    delta: str
    stream_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        sequence_number = self.sequence_number

        item_id = self.item_id

        output_index = self.output_index

        delta = self.delta

        stream_id = self.stream_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "sequence_number": sequence_number,
                "item_id": item_id,
                "output_index": output_index,
                "delta": delta,
            }
        )
        if stream_id is not UNSET:
            field_dict["stream_id"] = stream_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = ResponseFunctionCallArgumentsDeltaWsEventType(d.pop("type"))

        sequence_number = d.pop("sequence_number")

        item_id = d.pop("item_id")

        output_index = d.pop("output_index")

        delta = d.pop("delta")

        stream_id = d.pop("stream_id", UNSET)

        response_function_call_arguments_delta_ws_event = cls(
            type_=type_,
            sequence_number=sequence_number,
            item_id=item_id,
            output_index=output_index,
            delta=delta,
            stream_id=stream_id,
        )

        response_function_call_arguments_delta_ws_event.additional_properties = d
        return response_function_call_arguments_delta_ws_event

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
