"""Recommendations handed to each kabupaten/kota after an assessment and
their follow-up (tindak lanjut), issue 10.

``model``: writing and reading recommendations and their append-only
history in the store; ``board``: the province board (counts per district and
action as of a date, oldest open first); ``sheet``: importing a round from
the assessment team's spreadsheet and writing its template; ``demo``: the
synthetic demo round.
"""
