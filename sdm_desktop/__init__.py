"""SDM Desktop: offline shared decision-making aids for the NHS."""

__version__ = "0.1.0"
