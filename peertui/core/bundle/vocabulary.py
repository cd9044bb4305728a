"""The outcome vocabulary every bundle shares: outcome ids and their labels."""

from __future__ import annotations

#: Outcomes any bundle may name without declaring them; a file's `vocabulary` extends these.
BUILTIN_VOCABULARY: dict[str, str] = {
    "symptoms": "Mental health symptoms",
    "self-perceived-recovery": "Self-perceived recovery",
    "hopefulness": "Hopefulness",
    "quality-of-life": "Quality of life",
    "self-advocacy": "Self-advocacy",
    "personal-confidence": "Personal confidence",
    "goal-orientation": "Goal orientation",
    "hospital-readmission": "Hospital readmission",
    "satisfaction": "Satisfaction with care",
}
