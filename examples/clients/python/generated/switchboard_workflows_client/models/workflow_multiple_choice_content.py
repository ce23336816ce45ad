from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkflowMultipleChoiceContent")


@_attrs_define
class WorkflowMultipleChoiceContent:
    """Content of `multiple_choice`.

    Attributes:
        prompt (str): The question.
        choices (list[str]): The options; the answer must be one of them (or several, when `single` is false).
        default (None | str): The choice an empty answer selects; null when an empty answer is invalid.
        single (bool): True: pick exactly one. False: pick any subset of `choices`.
    """

    prompt: str
    choices: list[str]
    default: None | str
    single: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        choices = self.choices

        default: None | str
        default = self.default

        single = self.single

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
                "choices": choices,
                "default": default,
                "single": single,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        choices = cast(list[str], d.pop("choices"))

        def _parse_default(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        default = _parse_default(d.pop("default"))

        single = d.pop("single")

        workflow_multiple_choice_content = cls(
            prompt=prompt,
            choices=choices,
            default=default,
            single=single,
        )

        workflow_multiple_choice_content.additional_properties = d
        return workflow_multiple_choice_content

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
