from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reasoning_effort import ReasoningEffort
from ..models.reasoning_summary import ReasoningSummary

T = TypeVar("T", bound="ReasoningEcho")


@_attrs_define
class ReasoningEcho:
    """Reasoning settings as a response echoes them.

    Attributes:
        effort (None | ReasoningEffort):
        summary (None | ReasoningSummary):
    """

    effort: None | ReasoningEffort
    summary: None | ReasoningSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        effort: None | str
        if isinstance(self.effort, ReasoningEffort):
            effort = self.effort.value
        else:
            effort = self.effort

        summary: None | str
        if isinstance(self.summary, ReasoningSummary):
            summary = self.summary.value
        else:
            summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "effort": effort,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_effort(data: object) -> None | ReasoningEffort:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effort_type_0 = ReasoningEffort(data)

                return effort_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasoningEffort, data)

        effort = _parse_effort(d.pop("effort"))

        def _parse_summary(data: object) -> None | ReasoningSummary:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                summary_type_0 = ReasoningSummary(data)

                return summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasoningSummary, data)

        summary = _parse_summary(d.pop("summary"))

        reasoning_echo = cls(
            effort=effort,
            summary=summary,
        )

        reasoning_echo.additional_properties = d
        return reasoning_echo

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
