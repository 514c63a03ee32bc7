"""The 报表 section: the month's figures and the printed documents."""
