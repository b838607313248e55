"""The permission check every service entry point starts with.

``@permitted`` wraps a service method: before the method runs, the officer's session is
asked for the permission ``domain.operations.OPERATIONS`` names for it (looked up by the
method's qualified name, ``ReportService.write_report``). A method that is not in the table
fails at import, so no entry point can be added without deciding who may call it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

from desk_app.domain.operations import permission_of

if TYPE_CHECKING:
    from desk_app.services.access import Session

P = ParamSpec("P")
R = TypeVar("R")


class HasSession(Protocol):
    _session: Session


S = TypeVar("S", bound=HasSession)


def permitted(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    permission = permission_of(method.__qualname__)
    if permission is None:
        raise TypeError(f"{method.__qualname__} is marked as needing no desk: make it static")

    @functools.wraps(method)
    def checked(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        self._session.require(permission)
        return method(self, *args, **kwargs)

    checked.permission = permission  # type: ignore[attr-defined]
    return checked
