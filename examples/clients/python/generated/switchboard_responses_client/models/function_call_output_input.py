from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.function_call_output_input_type import FunctionCallOutputInputType
from ..models.item_status import ItemStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="FunctionCallOutputInput")


@_attrs_define
class FunctionCallOutputInput:
    """The client's answer to a `function_call` of the agent.

    Attributes:
        type_ (FunctionCallOutputInputType):
        call_id (str):
        output (str): The function's result, as text (JSON text is fine).
        id (str | Unset):
        status (ItemStatus | Unset): Lifecycle of an item.
    """

    type_: FunctionCallOutputInputType
    call_id: str
    output: str
    id: str | Unset = UNSET
    status: ItemStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        call_id = self.call_id

        output = self.output

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
                "output": output,
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
        type_ = FunctionCallOutputInputType(d.pop("type"))

        call_id = d.pop("call_id")

        output = d.pop("output")

        id = d.pop("id", UNSET)

        _status = d.pop("status", UNSET)
        status: ItemStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ItemStatus(_status)

        function_call_output_input = cls(
            type_=type_,
            call_id=call_id,
            output=output,
            id=id,
            status=status,
        )

        function_call_output_input.additional_properties = d
        return function_call_output_input

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
