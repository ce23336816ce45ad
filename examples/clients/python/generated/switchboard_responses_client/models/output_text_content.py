from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.output_text_content_type import OutputTextContentType
from ..types import UNSET, Unset

T = TypeVar("T", bound="OutputTextContent")


@_attrs_define
class OutputTextContent:
    """Text produced by the agent. `annotations` and `logprobs` are always empty: Switchboard's models do not cite sources
    or expose log-probabilities.

        Attributes:
            type_ (OutputTextContentType):
            text (str):
            annotations (list[Any]):
            logprobs (list[Any] | Unset):
    """

    type_: OutputTextContentType
    text: str
    annotations: list[Any]
    logprobs: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        text = self.text

        annotations = self.annotations

        logprobs: list[Any] | Unset = UNSET
        if not isinstance(self.logprobs, Unset):
            logprobs = self.logprobs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "text": text,
                "annotations": annotations,
            }
        )
        if logprobs is not UNSET:
            field_dict["logprobs"] = logprobs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = OutputTextContentType(d.pop("type"))

        text = d.pop("text")

        annotations = cast(list[Any], d.pop("annotations"))

        logprobs = cast(list[Any], d.pop("logprobs", UNSET))

        output_text_content = cls(
            type_=type_,
            text=text,
            annotations=annotations,
            logprobs=logprobs,
        )

        output_text_content.additional_properties = d
        return output_text_content

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
