from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_resume_frame_type import WorkflowResumeFrameType
from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowResumeFrame")


@_attrs_define
class WorkflowResumeFrame:
    """First frame of a connection that re-attaches to a run started on an earlier connection (which
    dropped or was replaced). The server sends every message of the run that came after
    `after_uuid`, in order and exactly once, then continues live; questions still open stay open
    and can be answered. If the run has already finished, the replay ends with its last message
    and the server closes (1000, or 1011 if the run was abandoned). The earlier connection, if still
    open, is closed with 1000.

    A run lives without a connection for the server's grace period (60 s by default); after that
    it is abandoned: its history then ends with an `error` frame `workflow_abandoned`. Messages
    the run sent while nobody was connected are kept and replayed.

    Refusals, each an `error` frame then close 1008: an unknown `workflow_uuid`, or a run of another
    user when the server derives user ids (both `workflow_not_found`, so a uuid cannot be probed);
    an `after_uuid` that is not a message of the run, or a run prepared but never started
    (`validation_failed`); an authorization refusal (`forbidden`).

    Behind several server processes, any of them can be resumed on, and a run has one attached
    connection wherever it is: resuming on one process closes (1000) an earlier connection to the
    run on any other. A run still executing on another live process keeps executing there; the
    process the resume reaches relays it: the replay after `after_uuid`, then the run's messages as
    they come, while the client's answers reach the run and get the same `error` frames as on the
    run's own process. A run whose process died is taken over by the process the resume reaches —
    also while that process is relaying it, on the same connection: it re-executes the workflow
    against the run's recorded messages and answers, sending none of them again, so the uuids the
    client knows stay valid — a question that was open is open again under its uuid — then replays
    what the client missed after `after_uuid` and continues live. A server whose processes share no
    event bus answers the resume of a run executing on another live process with `run_unavailable`
    and close 1011 (resume it there).

        Attributes:
            type_ (WorkflowResumeFrameType):
            workflow_uuid (str): A workflow run's UUID: 32 hexadecimal digits, with or without the four hyphens, any case.
            after_uuid (str | Unset): The `uuid` of the last message the client received, not counting `keep_alive` frames
                (they
                are not part of the run's history). Every other frame of an attached run is, including the
                `error` frames answering the client's own bad frames. Absent: replay the whole run.
    """

    type_: WorkflowResumeFrameType
    workflow_uuid: str
    after_uuid: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        workflow_uuid = self.workflow_uuid

        after_uuid = self.after_uuid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "workflow_uuid": workflow_uuid,
            }
        )
        if after_uuid is not UNSET:
            field_dict["after_uuid"] = after_uuid

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = WorkflowResumeFrameType(d.pop("type"))

        workflow_uuid = d.pop("workflow_uuid")

        after_uuid = d.pop("after_uuid", UNSET)

        workflow_resume_frame = cls(
            type_=type_,
            workflow_uuid=workflow_uuid,
            after_uuid=after_uuid,
        )

        workflow_resume_frame.additional_properties = d
        return workflow_resume_frame

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
