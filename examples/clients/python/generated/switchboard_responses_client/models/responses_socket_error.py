from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.responses_socket_error_type import ResponsesSocketErrorType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.responses_error_detail import ResponsesErrorDetail


T = TypeVar("T", bound="ResponsesSocketError")


@_attrs_define
class ResponsesSocketError:
    """A refusal of a client frame, or of a response before it started: the same error object as an
    HTTP error body, with the HTTP status the same request would have got. The socket stays open.
    Codes beyond those of `POST /v1/responses`: `invalid_json` (not JSON or not UTF-8),
    `previous_response_not_found` (`previous_response_id` is neither in the socket's memory nor
    stored), `too_many_requests` (status 429: the socket's lanes or a lane's queue are full), `steering_not_supported`
    (a `response.steer` frame).

        Attributes:
            type_ (ResponsesSocketErrorType):
            status (int): The HTTP status `POST /v1/responses` would have answered with.
            error (ResponsesErrorDetail): The error object of every non-2xx answer, as OpenAI's API shapes it.
            stream_id (str | Unset): A lane of one socket: `response.create` frames with the same `stream_id` run one after
                another
                in the order they arrived (FIFO), frames of different lanes run concurrently, and every event of
                a response echoes the `stream_id` of the frame that created it. Frames without one share a
                single default lane. Lineage is separate: `previous_response_id` may name a response of
                another lane (a fork).
    """

    type_: ResponsesSocketErrorType
    status: int
    error: ResponsesErrorDetail
    stream_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        status = self.status

        error = self.error.to_dict()

        stream_id = self.stream_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "status": status,
                "error": error,
            }
        )
        if stream_id is not UNSET:
            field_dict["stream_id"] = stream_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.responses_error_detail import ResponsesErrorDetail

        d = dict(src_dict)
        type_ = ResponsesSocketErrorType(d.pop("type"))

        status = d.pop("status")

        error = ResponsesErrorDetail.from_dict(d.pop("error"))

        stream_id = d.pop("stream_id", UNSET)

        responses_socket_error = cls(
            type_=type_,
            status=status,
            error=error,
            stream_id=stream_id,
        )

        responses_socket_error.additional_properties = d
        return responses_socket_error

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
