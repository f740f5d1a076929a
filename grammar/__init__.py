"""The page grammar (register.lark), shipped as package data."""
