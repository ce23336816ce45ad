from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_output_item_done_ws_event_type import (
    ResponseOutputItemDoneWsEventType,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.function_tool_call import FunctionToolCall
    from ..models.output_message import OutputMessage


T = TypeVar("T", bound="ResponseOutputItemDoneWsEvent")


@_attrs_define
class ResponseOutputItemDoneWsEvent:
    """
    Attributes:
        type_ (ResponseOutputItemDoneWsEventType):
        sequence_number (int):
        output_index (int):
        item (FunctionToolCall | OutputMessage): One item of a response's `output`.
        stream_id (str | Unset): A lane of one socket: `response.create` frames with the same `stream_id` run one after
            another
            in the order they arrived (FIFO), frames of different lanes run concurrently, and every event of
            a response echoes the `stream_id` of the frame that created it. Frames without one share a
            single default lane. Lineage is separate: `previous_response_id` may name a response of
            another lane (a fork).
    """

    type_: ResponseOutputItemDoneWsEventType
    sequence_number: int
    output_index: int
    item: FunctionToolCall | OutputMessage
    stream_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.output_message import OutputMessage

        type_ = self.type_.value

        sequence_number = self.sequence_number

        output_index = self.output_index

        item: dict[str, Any]
        if isinstance(self.item, OutputMessage):
            item = self.item.to_dict()
        else:
            item = self.item.to_dict()

        stream_id = self.stream_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "sequence_number": sequence_number,
                "output_index": output_index,
                "item": item,
            }
        )
        if stream_id is not UNSET:
            field_dict["stream_id"] = stream_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.function_tool_call import FunctionToolCall
        from ..models.output_message import OutputMessage

        d = dict(src_dict)
        type_ = ResponseOutputItemDoneWsEventType(d.pop("type"))

        sequence_number = d.pop("sequence_number")

        output_index = d.pop("output_index")

        def _parse_item(data: object) -> FunctionToolCall | OutputMessage:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_output_item_type_0 = OutputMessage.from_dict(data)

                return componentsschemas_output_item_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_output_item_type_1 = FunctionToolCall.from_dict(data)

            return componentsschemas_output_item_type_1

        item = _parse_item(d.pop("item"))

        stream_id = d.pop("stream_id", UNSET)

        response_output_item_done_ws_event = cls(
            type_=type_,
            sequence_number=sequence_number,
            output_index=output_index,
            item=item,
            stream_id=stream_id,
        )

        response_output_item_done_ws_event.additional_properties = d
        return response_output_item_done_ws_event

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
