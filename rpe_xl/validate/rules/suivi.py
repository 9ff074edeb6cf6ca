"""Rules of the activity log (RPE_suivi_activite): keys, references, dates, coherence of families."""

from __future__ import annotations
