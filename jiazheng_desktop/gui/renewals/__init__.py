"""The 续约 section: contracts ending soon, renewal steps, the contract dialog."""
