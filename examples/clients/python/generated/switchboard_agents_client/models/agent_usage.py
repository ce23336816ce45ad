from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentUsage")


@_attrs_define
class AgentUsage:
    """Token counts of one model turn or of a whole prompt. The snake-case members repeat the counts
    under the names pyflue's result envelope uses (`input`, `output`, `total_tokens`).

        Attributes:
            input_tokens (int): Tokens the model read.
            output_tokens (int): Tokens the model wrote.
            totalTokens (int): `inputTokens + outputTokens`.
            input_ (int | Unset): pyflue's name for `inputTokens`.
            output (int | Unset): pyflue's name for `outputTokens`.
            total_tokens (int | Unset): pyflue's name for `totalTokens`.
    """

    input_tokens: int
    output_tokens: int
    totalTokens: int
    input_: int | Unset = UNSET
    output: int | Unset = UNSET
    total_tokens: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_tokens = self.input_tokens

        output_tokens = self.output_tokens

        totalTokens = self.totalTokens

        input_ = self.input_

        output = self.output

        total_tokens = self.total_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inputTokens": input_tokens,
                "outputTokens": output_tokens,
                "totalTokens": totalTokens,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output
        if total_tokens is not UNSET:
            field_dict["total_tokens"] = total_tokens

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        input_tokens = d.pop("inputTokens")

        output_tokens = d.pop("outputTokens")

        totalTokens = d.pop("totalTokens")

        input_ = d.pop("input", UNSET)

        output = d.pop("output", UNSET)

        total_tokens = d.pop("total_tokens", UNSET)

        agent_usage = cls(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            totalTokens=totalTokens,
            input_=input_,
            output=output,
            total_tokens=total_tokens,
        )

        agent_usage.additional_properties = d
        return agent_usage

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
