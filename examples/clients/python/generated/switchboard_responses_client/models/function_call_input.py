from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.function_call_input_type import FunctionCallInputType
from ..models.item_status import ItemStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="FunctionCallInput")


@_attrs_define
class FunctionCallInput:
    """A function call the agent made earlier, replayed as input by a client that manages the
    conversation itself. It must be followed (anywhere later in the input) by the
    `function_call_output` with the same `call_id`.

        Attributes:
            type_ (FunctionCallInputType):
            call_id (str): The id the agent assigned to the call; the matching output carries the same id.
            name (str):
            arguments (str): The arguments as JSON text, exactly as the agent produced them.
            id (str | Unset):
            status (ItemStatus | Unset): Lifecycle of an item.
    """

    type_: FunctionCallInputType
    call_id: str
    name: str
    arguments: str
    id: str | Unset = UNSET
    status: ItemStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        call_id = self.call_id

        name = self.name

        arguments = self.arguments

        id = self.id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "call_id": call_id,
                "name": name,
                "arguments": arguments,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = FunctionCallInputType(d.pop("type"))

        call_id = d.pop("call_id")

        name = d.pop("name")

        arguments = d.pop("arguments")

        id = d.pop("id", UNSET)

        _status = d.pop("status", UNSET)
        status: ItemStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ItemStatus(_status)

        function_call_input = cls(
            type_=type_,
            call_id=call_id,
            name=name,
            arguments=arguments,
            id=id,
            status=status,
        )

        function_call_input.additional_properties = d
        return function_call_input

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
