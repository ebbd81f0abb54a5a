"""Documents from the record: context (model -> data), then .docx (docxtpl), HTML and PDF (WeasyPrint)."""
