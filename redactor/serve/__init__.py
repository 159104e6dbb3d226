"""The analysts' read-only web app (`redactor serve`): dashboard, search, call reader, saved queries."""
