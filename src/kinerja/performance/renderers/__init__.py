"""Renderers of the Data Kinerja report (PDF, XLSX, DOCX) and the Perjanjian Kinerja form. Each takes a
`ReportData` and returns bytes; none of them queries the database."""
