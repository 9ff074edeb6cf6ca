"""Renderers of findings: console text (French), JSON (stable contract), output workbook."""
