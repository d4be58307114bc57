"""UI strings for the progress views; merged into :data:`kp2s_dashboard.strings.CATALOGUE`."""

CATALOGUE: dict[str, dict[str, str]] = {}
