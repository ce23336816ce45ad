from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_http_error_type import WorkflowHttpErrorType
from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowErrorDetail")


@_attrs_define
class WorkflowErrorDetail:
    """What went wrong, in a form a program can act on and a person can read.

    Attributes:
        type_ (WorkflowHttpErrorType): The `type` of an HTTP error of this protocol.
        message (str): A sentence describing the problem.
        param (None | str | Unset): The offending request member as a dotted path (`params.limit`), when one is at
            fault.
    """

    type_: WorkflowHttpErrorType
    message: str
    param: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        message = self.message

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message": message,
            }
        )
        if param is not UNSET:
            field_dict["param"] = param

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = WorkflowHttpErrorType(d.pop("type"))

        message = d.pop("message")

        def _parse_param(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        param = _parse_param(d.pop("param", UNSET))

        workflow_error_detail = cls(
            type_=type_,
            message=message,
            param=param,
        )

        workflow_error_detail.additional_properties = d
        return workflow_error_detail

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
