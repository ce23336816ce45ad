from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.function_tool_echo_type import FunctionToolEchoType

if TYPE_CHECKING:
    from ..models.function_tool_echo_parameters_type_0 import (
        FunctionToolEchoParametersType0,
    )


T = TypeVar("T", bound="FunctionToolEcho")


@_attrs_define
class FunctionToolEcho:
    """A function tool as echoed in a response: every field present.

    Attributes:
        type_ (FunctionToolEchoType):
        name (str):
        description (None | str):
        parameters (FunctionToolEchoParametersType0 | None):
        strict (bool): As requested; `true` when the request left it out (OpenAI's default).
    """

    type_: FunctionToolEchoType
    name: str
    description: None | str
    parameters: FunctionToolEchoParametersType0 | None
    strict: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_tool_echo_parameters_type_0 import (
            FunctionToolEchoParametersType0,
        )

        type_ = self.type_.value

        name = self.name

        description: None | str
        description = self.description

        parameters: dict[str, Any] | None
        if isinstance(self.parameters, FunctionToolEchoParametersType0):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters

        strict = self.strict

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "name": name,
                "description": description,
                "parameters": parameters,
                "strict": strict,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.function_tool_echo_parameters_type_0 import (
            FunctionToolEchoParametersType0,
        )

        d = dict(src_dict)
        type_ = FunctionToolEchoType(d.pop("type"))

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_parameters(data: object) -> FunctionToolEchoParametersType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = FunctionToolEchoParametersType0.from_dict(data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FunctionToolEchoParametersType0 | None, data)

        parameters = _parse_parameters(d.pop("parameters"))

        strict = d.pop("strict")

        function_tool_echo = cls(
            type_=type_,
            name=name,
            description=description,
            parameters=parameters,
            strict=strict,
        )

        function_tool_echo.additional_properties = d
        return function_tool_echo

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
