from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ResponsesErrorDetail")


@_attrs_define
class ResponsesErrorDetail:
    """The error object of every non-2xx answer, as OpenAI's API shapes it.

    Attributes:
        type_ (str): `invalid_request_error`, `authentication_error`, `not_found_error`, `conflict_error`,
            `rate_limit_error`, `server_error`.
        message (str): A sentence saying what went wrong and, for bad input, how to fix it.
        param (None | str): The offending request field as a dotted path (`input[0].content`), or null.
        code (None | str): A stable machine-readable code (`invalid_json`, `invalid_value`, `unknown_parameter`,
            `model_not_found`, `response_not_found`, `payload_too_large` …) or null.
    """

    type_: str
    message: str
    param: None | str
    code: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        message = self.message

        param: None | str
        param = self.param

        code: None | str
        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message": message,
                "param": param,
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        message = d.pop("message")

        def _parse_param(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        param = _parse_param(d.pop("param"))

        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))

        responses_error_detail = cls(
            type_=type_,
            message=message,
            param=param,
            code=code,
        )

        responses_error_detail.additional_properties = d
        return responses_error_detail

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
