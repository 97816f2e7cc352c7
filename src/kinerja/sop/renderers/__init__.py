"""Renderers of an SOP version: the flowchart (SVG), the SOP AP sheet (HTML, PDF) and BPMN 2.0 XML."""
