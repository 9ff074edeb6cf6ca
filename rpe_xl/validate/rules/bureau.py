"""Rules on the Bureau séance: members, statuses, proxies, quorum and votes per question."""

from __future__ import annotations
