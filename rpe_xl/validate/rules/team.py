"""Rules on the team: ETP against weekly hours, every person named is a member of the team."""

from __future__ import annotations
