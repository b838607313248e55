"""Where pages come from: scanners (SANE here, WIA and TWAIN on Windows), files, a hot folder.

Every scanner adapter is thin: it opens a device and hands over one page image at a time
(``PageSource``). Batches, progress, cancel and what to keep when a scanner fails live in
``batch.run_batch``, which is the same for all of them and is tested through real libsane.
"""
