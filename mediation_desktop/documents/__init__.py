"""The official documents (文书) as PDF: ReportLab renderers fed frozen snapshots. No Qt here."""
