import uuid
from datetime import datetime, timedelta

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.ids import uuid7


def test_uuid7_is_a_valid_version_7_uuid_ordered_by_time() -> None:
    start = datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ)
    ids = [uuid7(start + timedelta(milliseconds=i)) for i in range(200)]
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == 200
    same_ms = {uuid7(start) for _ in range(1000)}
    assert len(same_ms) == 1000  # 74 random bits keep desks apart within one millisecond
