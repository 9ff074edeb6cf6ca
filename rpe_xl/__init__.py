"""rpe-xl: checks, CAF indicators, budget and documents of a Relais Petite Enfance, over its Excel workbooks."""

__version__ = "0.1.0"
