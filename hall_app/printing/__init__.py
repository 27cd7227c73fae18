"""Printed documents, made with reportlab. No Qt: the UI sends the PDFs to a printer."""
