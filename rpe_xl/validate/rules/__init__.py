"""Rules, one module per subject; importing this package registers them all."""

from . import assistants, budget_forms, bureau, declared, planning, sheets, suivi, team, territory  # noqa: F401
