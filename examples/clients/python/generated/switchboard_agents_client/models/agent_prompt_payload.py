from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentPromptPayload")


@_attrs_define
class AgentPromptPayload:
    """pyflue's invocation payload (`{"payload": {...}}`, what `PyFlueClient.agents.invoke` and
    `.stream` send). The user message is its `message`, else its `prompt`; the whole payload also
    reaches the agent's factory as its payload. Other members are allowed and passed along.

        Attributes:
            message (str | Unset): The user message.
            prompt (str | Unset): The user message, under pyflue's other name (used when `message` is absent).
            session (str | Unset): A session name: an independent conversation thread of one agent instance. Control
                characters
                (U+0000–U+001F, U+007F) are refused: names are stored and logged as they are.
    """

    message: str | Unset = UNSET
    prompt: str | Unset = UNSET
    session: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        prompt = self.prompt

        session = self.session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if session is not UNSET:
            field_dict["session"] = session

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message = d.pop("message", UNSET)

        prompt = d.pop("prompt", UNSET)

        session = d.pop("session", UNSET)

        agent_prompt_payload = cls(
            message=message,
            prompt=prompt,
            session=session,
        )

        agent_prompt_payload.additional_properties = d
        return agent_prompt_payload

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
