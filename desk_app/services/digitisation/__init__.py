"""Digitising a dossier's papers: pages in, one signed, compact PDF per component out.

The slow steps (reading files, cleaning pages, building and signing the PDF) take no lock
and touch no database, so the UI runs them on its work lane; only the final store is a
(short) write transaction: the file into the blob store, the document row, its link to
the component, the dossier's digitisation counts and the change-log entry for sync, all or
nothing. A citizen's earlier documents are reused by linking, never copied.
"""

from desk_app.capture.cleanup import CleanPage
from desk_app.capture.hot_folder import HotFailure, HotFile, HotFolder
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.signing import Pkcs12Identity, SignIdentity, TokenIdentity
from desk_app.capture.sources.base import Device, ScanRequest
from desk_app.capture.sources.batch import BatchResult
from desk_app.services.digitisation.pages import ImportedFiles, PageWork, Progress
from desk_app.services.digitisation.service import ComponentState, DigitisationService

# What the UI may hold and pass back (it never imports desk_app.capture itself).
__all__ = [
    "BatchResult",
    "CleanPage",
    "ColourMode",
    "ComponentState",
    "Device",
    "DigitisationService",
    "HotFailure",
    "HotFile",
    "HotFolder",
    "ImportedFiles",
    "PageWork",
    "Pkcs12Identity",
    "Progress",
    "RawPage",
    "ScanRequest",
    "SignIdentity",
    "TokenIdentity",
]
