"""Hôm nay: what is due, late or waiting today."""
