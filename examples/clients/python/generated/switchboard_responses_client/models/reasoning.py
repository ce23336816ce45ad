from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reasoning_effort import ReasoningEffort
from ..models.reasoning_summary import ReasoningSummary
from ..types import UNSET, Unset

T = TypeVar("T", bound="Reasoning")


@_attrs_define
class Reasoning:
    """Reasoning settings of a create; passed to the agent's model provider.

    Attributes:
        effort (None | ReasoningEffort | Unset):
        summary (None | ReasoningSummary | Unset):
        generate_summary (None | ReasoningSummary | Unset): Deprecated spelling of `summary`.
    """

    effort: None | ReasoningEffort | Unset = UNSET
    summary: None | ReasoningSummary | Unset = UNSET
    generate_summary: None | ReasoningSummary | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        effort: None | str | Unset
        if isinstance(self.effort, Unset):
            effort = UNSET
        elif isinstance(self.effort, ReasoningEffort):
            effort = self.effort.value
        else:
            effort = self.effort

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        elif isinstance(self.summary, ReasoningSummary):
            summary = self.summary.value
        else:
            summary = self.summary

        generate_summary: None | str | Unset
        if isinstance(self.generate_summary, Unset):
            generate_summary = UNSET
        elif isinstance(self.generate_summary, ReasoningSummary):
            generate_summary = self.generate_summary.value
        else:
            generate_summary = self.generate_summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if effort is not UNSET:
            field_dict["effort"] = effort
        if summary is not UNSET:
            field_dict["summary"] = summary
        if generate_summary is not UNSET:
            field_dict["generate_summary"] = generate_summary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_effort(data: object) -> None | ReasoningEffort | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effort_type_0 = ReasoningEffort(data)

                return effort_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasoningEffort | Unset, data)

        effort = _parse_effort(d.pop("effort", UNSET))

        def _parse_summary(data: object) -> None | ReasoningSummary | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                summary_type_0 = ReasoningSummary(data)

                return summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasoningSummary | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        def _parse_generate_summary(data: object) -> None | ReasoningSummary | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                generate_summary_type_0 = ReasoningSummary(data)

                return generate_summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasoningSummary | Unset, data)

        generate_summary = _parse_generate_summary(d.pop("generate_summary", UNSET))

        reasoning = cls(
            effort=effort,
            summary=summary,
            generate_summary=generate_summary,
        )

        reasoning.additional_properties = d
        return reasoning

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
