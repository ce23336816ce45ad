from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkflowTextInputContent")


@_attrs_define
class WorkflowTextInputContent:
    """Content of `text_input`.

    Attributes:
        prompt (str): The question.
        suggestions (list[str]): Answers the client may offer to pick from; any text is accepted.
        password (bool): When true the client must mask what the user types. The server never stores answers.
    """

    prompt: str
    suggestions: list[str]
    password: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        suggestions = self.suggestions

        password = self.password

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
                "suggestions": suggestions,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        suggestions = cast(list[str], d.pop("suggestions"))

        password = d.pop("password")

        workflow_text_input_content = cls(
            prompt=prompt,
            suggestions=suggestions,
            password=password,
        )

        workflow_text_input_content.additional_properties = d
        return workflow_text_input_content

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
