"""The comparison report and its data written out: HTML, PDF, CSV, the data package and the REFI-QDA project."""
