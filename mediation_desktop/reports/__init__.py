"""Statistics, the ledger (台账) and their reports (PDF, xlsx, JSON). No Qt here.

Its messages live in :mod:`mediation_desktop.reports.messages`, gathered into the shared catalogue by
:mod:`mediation_desktop.i18n`.
"""
