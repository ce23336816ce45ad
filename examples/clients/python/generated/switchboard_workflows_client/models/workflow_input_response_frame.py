from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_input_response_frame_type import WorkflowInputResponseFrameType

T = TypeVar("T", bound="WorkflowInputResponseFrame")


@_attrs_define
class WorkflowInputResponseFrame:
    """Answers one open question by its uuid (the `uuid` of the `text_input` or `multiple_choice`
    frame). Allowed any time after the init or resume frame. An unknown `question_uuid`, or one
    already answered with a different `msg`, gets an `error` frame `unknown_question`; a choice
    outside `choices` gets `invalid_choice` and then the question again, as a fresh `multiple_choice`
    message with its own `uuid` (either uuid answers it); a `msg` of the wrong form gets
    `validation_failed` and the question stays open. The socket stays open in every case. Sending the same answer again
    to an answered question is silently accepted, so a
    client that lost its connection can repeat its answers after resuming without knowing which
    of them arrived.

        Attributes:
            type_ (WorkflowInputResponseFrameType):
            question_uuid (str): The `uuid` of the question being answered.
            msg (list[str] | str): The answer. For `text_input`: the text, verbatim. For a single `multiple_choice`: one of
                `choices`, exactly. For a multi `multiple_choice` (`single: false`): an array of choices (or a
                string in the raw-text form, see `WorkflowTextAnswer`); the workflow receives the chosen
                subset in the order of `choices`. For a multiple choice with a `default`, an empty string
                selects the default. A text question answered with an array, or a single choice answered
                with an array, is `validation_failed`.
    """

    type_: WorkflowInputResponseFrameType
    question_uuid: str
    msg: list[str] | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        question_uuid = self.question_uuid

        msg: list[str] | str
        if isinstance(self.msg, list):
            msg = self.msg

        else:
            msg = self.msg

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "question_uuid": question_uuid,
                "msg": msg,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = WorkflowInputResponseFrameType(d.pop("type"))

        question_uuid = d.pop("question_uuid")

        def _parse_msg(data: object) -> list[str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                msg_type_1 = cast(list[str], data)

                return msg_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str, data)

        msg = _parse_msg(d.pop("msg"))

        workflow_input_response_frame = cls(
            type_=type_,
            question_uuid=question_uuid,
            msg=msg,
        )

        workflow_input_response_frame.additional_properties = d
        return workflow_input_response_frame

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
