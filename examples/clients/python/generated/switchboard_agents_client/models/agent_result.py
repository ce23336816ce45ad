from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agent_model_ref import AgentModelRef
    from ..models.agent_usage import AgentUsage


T = TypeVar("T", bound="AgentResult")


@_attrs_define
class AgentResult:
    """The outcome of one prompt.

    Attributes:
        text (str): The assistant's final text (the text of the last model turn, after any tool calls).
        usage (AgentUsage): Token counts of one model turn or of a whole prompt. The snake-case members repeat the
            counts
            under the names pyflue's result envelope uses (`input`, `output`, `total_tokens`).
        model (AgentModelRef): The model that answered.
    """

    text: str
    usage: AgentUsage
    model: AgentModelRef
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        usage = self.usage.to_dict()

        model = self.model.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
                "usage": usage,
                "model": model,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_model_ref import AgentModelRef
        from ..models.agent_usage import AgentUsage

        d = dict(src_dict)
        text = d.pop("text")

        usage = AgentUsage.from_dict(d.pop("usage"))

        model = AgentModelRef.from_dict(d.pop("model"))

        agent_result = cls(
            text=text,
            usage=usage,
            model=model,
        )

        agent_result.additional_properties = d
        return agent_result

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
