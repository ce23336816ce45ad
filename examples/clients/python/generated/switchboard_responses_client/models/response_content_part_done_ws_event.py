from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_content_part_done_ws_event_type import (
    ResponseContentPartDoneWsEventType,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.output_text_content import OutputTextContent
    from ..models.refusal_content import RefusalContent


T = TypeVar("T", bound="ResponseContentPartDoneWsEvent")


@_attrs_define
class ResponseContentPartDoneWsEvent:
    """
    Attributes:
        type_ (ResponseContentPartDoneWsEventType):
        sequence_number (int):
        item_id (str):
        output_index (int):
        content_index (int):
        part (OutputTextContent | RefusalContent): A content part of an output message.
        stream_id (str | Unset): A lane of one socket: `response.create` frames with the same `stream_id` run one after
            another
            in the order they arrived (FIFO), frames of different lanes run concurrently, and every event of
            a response echoes the `stream_id` of the frame that created it. Frames without one share a
            single default lane. Lineage is separate: `previous_response_id` may name a response of
            another lane (a fork).
    """

    type_: ResponseContentPartDoneWsEventType
    sequence_number: int
    item_id: str
    output_index: int
    content_index: int
    part: OutputTextContent | RefusalContent
    stream_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.output_text_content import OutputTextContent

        type_ = self.type_.value

        sequence_number = self.sequence_number

        item_id = self.item_id

        output_index = self.output_index

        content_index = self.content_index

        part: dict[str, Any]
        if isinstance(self.part, OutputTextContent):
            part = self.part.to_dict()
        else:
            part = self.part.to_dict()

        stream_id = self.stream_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "sequence_number": sequence_number,
                "item_id": item_id,
                "output_index": output_index,
                "content_index": content_index,
                "part": part,
            }
        )
        if stream_id is not UNSET:
            field_dict["stream_id"] = stream_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.output_text_content import OutputTextContent
        from ..models.refusal_content import RefusalContent

        d = dict(src_dict)
        type_ = ResponseContentPartDoneWsEventType(d.pop("type"))

        sequence_number = d.pop("sequence_number")

        item_id = d.pop("item_id")

        output_index = d.pop("output_index")

        content_index = d.pop("content_index")

        def _parse_part(data: object) -> OutputTextContent | RefusalContent:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_output_content_type_0 = OutputTextContent.from_dict(
                    data
                )

                return componentsschemas_output_content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_output_content_type_1 = RefusalContent.from_dict(data)

            return componentsschemas_output_content_type_1

        part = _parse_part(d.pop("part"))

        stream_id = d.pop("stream_id", UNSET)

        response_content_part_done_ws_event = cls(
            type_=type_,
            sequence_number=sequence_number,
            item_id=item_id,
            output_index=output_index,
            content_index=content_index,
            part=part,
            stream_id=stream_id,
        )

        response_content_part_done_ws_event.additional_properties = d
        return response_content_part_done_ws_event

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
