"""The report's charts as reportlab Drawings (one module per chart kind), and as inline SVG for HTML."""
