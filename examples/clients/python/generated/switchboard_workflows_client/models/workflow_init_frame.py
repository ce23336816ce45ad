from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_init_frame_type import WorkflowInitFrameType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_init_frame_params import WorkflowInitFrameParams


T = TypeVar("T", bound="WorkflowInitFrame")


@_attrs_define
class WorkflowInitFrame:
    """First frame of a new run: the `initiate_workflow` response body, as is. FastAgency's clients
    send exactly `name`, `workflow_uuid`, `user_id`, `params` and no `type`; Switchboard's clients
    may add `type: "init"`. The frame is sealed (an unknown member is rejected naming it).

    The server then checks, in this order, that the caller may run the workflow (else error frame
    `forbidden`), that `name` is a workflow (`workflow_not_found`), and that `workflow_uuid` is not
    already used by a started run (`workflow_uuid_in_use`); a `workflow_uuid` prepared by
    `initiate_workflow` must be used with the same `name` (`validation_failed`) and, when the server
    derives user ids, by the same user (`forbidden`). Any of these, or a frame that is not valid
    JSON (`invalid_json`) or violates this schema (`validation_failed`), gets one `error` frame and
    close 1008. On success the server sends `workflow_started` and the run begins.

    Only the first frame of a connection can be an init frame: later, a JSON object without a
    string `type` (which is what FastAgency's init frame is) counts as a raw text answer.

        Attributes:
            name (str): The workflow to run.
            workflow_uuid (str): A workflow run's UUID: 32 hexadecimal digits, with or without the four hyphens, any case.
            type_ (WorkflowInitFrameType | Unset): Optional tag; absent in FastAgency's init frame.
            user_id (None | str | Unset): Ignored when the server derives the user id from the request.
            params (WorkflowInitFrameParams | Unset): Parameters handed to the workflow; default `{}`.
    """

    name: str
    workflow_uuid: str
    type_: WorkflowInitFrameType | Unset = UNSET
    user_id: None | str | Unset = UNSET
    params: WorkflowInitFrameParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        workflow_uuid = self.workflow_uuid

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "workflow_uuid": workflow_uuid,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_init_frame_params import WorkflowInitFrameParams

        d = dict(src_dict)
        name = d.pop("name")

        workflow_uuid = d.pop("workflow_uuid")

        _type_ = d.pop("type", UNSET)
        type_: WorkflowInitFrameType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = WorkflowInitFrameType(_type_)

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        _params = d.pop("params", UNSET)
        params: WorkflowInitFrameParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = WorkflowInitFrameParams.from_dict(_params)

        workflow_init_frame = cls(
            name=name,
            workflow_uuid=workflow_uuid,
            type_=type_,
            user_id=user_id,
            params=params,
        )

        workflow_init_frame.additional_properties = d
        return workflow_init_frame

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
