from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.function_call_output_resource_type import FunctionCallOutputResourceType
from ..models.item_status import ItemStatus

T = TypeVar("T", bound="FunctionCallOutputResource")


@_attrs_define
class FunctionCallOutputResource:
    """A stored function call output as listed by `input_items`.

    Attributes:
        type_ (FunctionCallOutputResourceType):
        id (str): Assigned by the server when the item was stored (`fco_…`).
        call_id (str):
        output (str):
        status (ItemStatus): Lifecycle of an item.
    """

    type_: FunctionCallOutputResourceType
    id: str
    call_id: str
    output: str
    status: ItemStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id = self.id

        call_id = self.call_id

        output = self.output

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "call_id": call_id,
                "output": output,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = FunctionCallOutputResourceType(d.pop("type"))

        id = d.pop("id")

        call_id = d.pop("call_id")

        output = d.pop("output")

        status = ItemStatus(d.pop("status"))

        function_call_output_resource = cls(
            type_=type_,
            id=id,
            call_id=call_id,
            output=output,
            status=status,
        )

        function_call_output_resource.additional_properties = d
        return function_call_output_resource

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
