"""Printed documents of the correspondence app: disposition sheets, outgoing letters, minutes and the
signature block, as PDF."""
