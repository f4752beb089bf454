-- Calls made over MCP (DESIGN §13) are logged with path /mcp and the tool that was called.
ALTER TABLE request_log ADD COLUMN tool TEXT;
