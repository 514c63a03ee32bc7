"""家政服务台 (jiazheng-desktop): an offline desk program for small domestic-service agencies."""

__version__ = "0.2.0"
APP_NAME = "家政服务台"
APP_ID = "jiazheng-desktop"
