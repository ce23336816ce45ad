from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.workflow_suggested_function_call_content_arguments import (
        WorkflowSuggestedFunctionCallContentArguments,
    )


T = TypeVar("T", bound="WorkflowSuggestedFunctionCallContent")


@_attrs_define
class WorkflowSuggestedFunctionCallContent:
    """Content of `suggested_function_call`.

    Attributes:
        function_name (str): The function an agent wants to call.
        call_id (None | str): Correlates the call with its `function_call_execution`.
        arguments (WorkflowSuggestedFunctionCallContentArguments): The call's arguments.
    """

    function_name: str
    call_id: None | str
    arguments: WorkflowSuggestedFunctionCallContentArguments
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        function_name = self.function_name

        call_id: None | str
        call_id = self.call_id

        arguments = self.arguments.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "function_name": function_name,
                "call_id": call_id,
                "arguments": arguments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_suggested_function_call_content_arguments import (
            WorkflowSuggestedFunctionCallContentArguments,
        )

        d = dict(src_dict)
        function_name = d.pop("function_name")

        def _parse_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        call_id = _parse_call_id(d.pop("call_id"))

        arguments = WorkflowSuggestedFunctionCallContentArguments.from_dict(
            d.pop("arguments")
        )

        workflow_suggested_function_call_content = cls(
            function_name=function_name,
            call_id=call_id,
            arguments=arguments,
        )

        workflow_suggested_function_call_content.additional_properties = d
        return workflow_suggested_function_call_content

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
