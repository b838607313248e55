"""Digitising the dossier's papers: sources, page clean-up, compact PDFs, signatures.

No Qt and no SQL here: the UI drives it through ``services.digitisation`` and the files it
produces are stored by ``storage.blob_store``.
"""
