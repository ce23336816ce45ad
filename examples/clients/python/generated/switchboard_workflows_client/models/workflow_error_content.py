from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkflowErrorContent")


@_attrs_define
class WorkflowErrorContent:
    """Content of `error`.

    Attributes:
        short (str): A stable snake_case code: one of `WorkflowErrorCode` for the server's own errors; a
            workflow's own `ui.error` chooses its code and does not end the run.
        long (None | str): A sentence explaining the error, naming the offending field for protocol errors.
    """

    short: str
    long: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        short = self.short

        long: None | str
        long = self.long

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "short": short,
                "long": long,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        short = d.pop("short")

        def _parse_long(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        long = _parse_long(d.pop("long"))

        workflow_error_content = cls(
            short=short,
            long=long,
        )

        workflow_error_content.additional_properties = d
        return workflow_error_content

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
