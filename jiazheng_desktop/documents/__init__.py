"""Printed documents with ReportLab: plain data in, PDF out. No Qt, no database."""
