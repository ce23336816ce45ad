from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkflowFunctionCallExecutionContent")


@_attrs_define
class WorkflowFunctionCallExecutionContent:
    """Content of `function_call_execution`.

    Attributes:
        function_name (str): The function that ran.
        call_id (None | str): The `call_id` of the matching `suggested_function_call`.
        retval (Any): What the function returned (any JSON value).
    """

    function_name: str
    call_id: None | str
    retval: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        function_name = self.function_name

        call_id: None | str
        call_id = self.call_id

        retval = self.retval

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "function_name": function_name,
                "call_id": call_id,
                "retval": retval,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        function_name = d.pop("function_name")

        def _parse_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        call_id = _parse_call_id(d.pop("call_id"))

        retval = d.pop("retval")

        workflow_function_call_execution_content = cls(
            function_name=function_name,
            call_id=call_id,
            retval=retval,
        )

        workflow_function_call_execution_content.additional_properties = d
        return workflow_function_call_execution_content

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
