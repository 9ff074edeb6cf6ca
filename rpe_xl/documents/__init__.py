"""Documents built from the workbooks: the Bureau's deliberation (docx, pdf) and its SCDL export."""
