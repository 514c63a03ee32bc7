"""The 服务人员 section: workers and their dialog."""
