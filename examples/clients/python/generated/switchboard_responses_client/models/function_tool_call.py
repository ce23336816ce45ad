from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.function_tool_call_type import FunctionToolCallType
from ..models.item_status import ItemStatus

T = TypeVar("T", bound="FunctionToolCall")


@_attrs_define
class FunctionToolCall:
    """A call of one of the client's function tools. The response ends after it (status `completed`);
    the client runs the function and sends a `function_call_output` with the same `call_id` in a
    new request (with `previous_response_id`, or with the whole history as input).

        Attributes:
            type_ (FunctionToolCallType):
            id (str): Item id, starts with `fc_`.
            call_id (str): Call id, starts with `call_`; the client answers with it.
            name (str):
            arguments (str): Arguments as JSON text.
            status (ItemStatus): Lifecycle of an item.
    """

    type_: FunctionToolCallType
    id: str
    call_id: str
    name: str
    arguments: str
    status: ItemStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id = self.id

        call_id = self.call_id

        name = self.name

        arguments = self.arguments

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "call_id": call_id,
                "name": name,
                "arguments": arguments,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = FunctionToolCallType(d.pop("type"))

        id = d.pop("id")

        call_id = d.pop("call_id")

        name = d.pop("name")

        arguments = d.pop("arguments")

        status = ItemStatus(d.pop("status"))

        function_tool_call = cls(
            type_=type_,
            id=id,
            call_id=call_id,
            name=name,
            arguments=arguments,
            status=status,
        )

        function_tool_call.additional_properties = d
        return function_tool_call

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
