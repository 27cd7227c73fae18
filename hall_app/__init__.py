"""hall_app: the window system of a county government service hall (县级政务服务大厅)."""

__version__ = "0.1.0"
