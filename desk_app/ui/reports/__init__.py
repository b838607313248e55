"""Báo cáo: a period's figures, the bar chart, exports and the tracking book."""
