from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_completed_event_type import ResponseCompletedEventType

if TYPE_CHECKING:
    from ..models.response_object import ResponseObject


T = TypeVar("T", bound="ResponseCompletedEvent")


@_attrs_define
class ResponseCompletedEvent:
    """Final event of a successful response (followed only by `data: [DONE]`).

    Attributes:
        type_ (ResponseCompletedEventType):
        sequence_number (int):
        response (ResponseObject): A response: the agent's answer to one request. Carries every field OpenAI's Response
            object and
            Open Responses' ResponseResource mark required, with their types (sampling settings are numbers:
            the defaults when the request left them out). Timestamps are integer Unix seconds.
    """

    type_: ResponseCompletedEventType
    sequence_number: int
    response: ResponseObject
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        sequence_number = self.sequence_number

        response = self.response.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "sequence_number": sequence_number,
                "response": response,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.response_object import ResponseObject

        d = dict(src_dict)
        type_ = ResponseCompletedEventType(d.pop("type"))

        sequence_number = d.pop("sequence_number")

        response = ResponseObject.from_dict(d.pop("response"))

        response_completed_event = cls(
            type_=type_,
            sequence_number=sequence_number,
            response=response,
        )

        response_completed_event.additional_properties = d
        return response_completed_event

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
