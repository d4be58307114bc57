"""UI strings for the assessment views; merged into :data:`kp2s_dashboard.strings.CATALOGUE`."""

CATALOGUE: dict[str, dict[str, str]] = {}
