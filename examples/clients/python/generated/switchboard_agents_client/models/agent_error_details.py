from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentErrorDetails")


@_attrs_define
class AgentErrorDetails:
    """Where an error points.

    Attributes:
        param (str | Unset): For `validation_failed` and `stream_not_found`: the offending field as a dotted path
            (`message`, `input`, `session`, `requestId`) or the offending header (`Last-Event-ID`).
        pointer (str | Unset): For `validation_failed`: the offending field as a JSON Pointer into the body or frame
            (`/message`).
        allow (list[str] | Unset): For `method_not_allowed`: the methods the route accepts (also in the `Allow` header).
    """

    param: str | Unset = UNSET
    pointer: str | Unset = UNSET
    allow: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        param = self.param

        pointer = self.pointer

        allow: list[str] | Unset = UNSET
        if not isinstance(self.allow, Unset):
            allow = self.allow

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if param is not UNSET:
            field_dict["param"] = param
        if pointer is not UNSET:
            field_dict["pointer"] = pointer
        if allow is not UNSET:
            field_dict["allow"] = allow

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        param = d.pop("param", UNSET)

        pointer = d.pop("pointer", UNSET)

        allow = cast(list[str], d.pop("allow", UNSET))

        agent_error_details = cls(
            param=param,
            pointer=pointer,
            allow=allow,
        )

        agent_error_details.additional_properties = d
        return agent_error_details

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
