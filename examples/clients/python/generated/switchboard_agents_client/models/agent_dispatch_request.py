from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDispatchRequest")


@_attrs_define
class AgentDispatchRequest:
    """Work handed to an agent instance to process in the background. Unknown fields are rejected.

    Attributes:
        input_ (Any): Any JSON value. The agent receives it as a user message whose text is the value serialized
            as JSON, and handles it with its own tools.
        dispatch_id (str | Unset): Idempotency key chosen by the caller. A `dispatchId` the server accepted before is
            not
            enqueued again: the answer repeats the first receipt. The server mints one when absent.
        session (str | Unset): A session name: an independent conversation thread of one agent instance. Control
            characters
            (U+0000–U+001F, U+007F) are refused: names are stored and logged as they are.
    """

    input_: Any
    dispatch_id: str | Unset = UNSET
    session: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_ = self.input_

        dispatch_id = self.dispatch_id

        session = self.session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
            }
        )
        if dispatch_id is not UNSET:
            field_dict["dispatchId"] = dispatch_id
        if session is not UNSET:
            field_dict["session"] = session

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        input_ = d.pop("input")

        dispatch_id = d.pop("dispatchId", UNSET)

        session = d.pop("session", UNSET)

        agent_dispatch_request = cls(
            input_=input_,
            dispatch_id=dispatch_id,
            session=session,
        )

        agent_dispatch_request.additional_properties = d
        return agent_dispatch_request

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
