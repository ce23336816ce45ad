from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_error_event_type import ResponseErrorEventType

T = TypeVar("T", bound="ResponseErrorEvent")


@_attrs_define
class ResponseErrorEvent:
    """Something went wrong mid-stream. Flat, as in OpenAI's stream: no `error` wrapper. The stream
    then ends with `response.failed`.

        Attributes:
            type_ (ResponseErrorEventType):
            sequence_number (int):
            code (None | str):
            message (str):
            param (None | str):
    """

    type_: ResponseErrorEventType
    sequence_number: int
    code: None | str
    message: str
    param: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        sequence_number = self.sequence_number

        code: None | str
        code = self.code

        message = self.message

        param: None | str
        param = self.param

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "sequence_number": sequence_number,
                "code": code,
                "message": message,
                "param": param,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = ResponseErrorEventType(d.pop("type"))

        sequence_number = d.pop("sequence_number")

        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))

        message = d.pop("message")

        def _parse_param(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        param = _parse_param(d.pop("param"))

        response_error_event = cls(
            type_=type_,
            sequence_number=sequence_number,
            code=code,
            message=message,
            param=param,
        )

        response_error_event.additional_properties = d
        return response_error_event

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
