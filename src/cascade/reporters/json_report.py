"""The JSON object fixed by the plan format page: diagnostics and a summary."""

from __future__ import annotations

import json

from cascade.diagnostics import Report


def render(report: Report) -> str:
    payload = {
        "diagnostics": [d.to_dict() for d in report.diagnostics],
        "summary": report.summary(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
