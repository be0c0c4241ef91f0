"""HTTP server for the rag library: chat with sessions, an OpenAI-compatible API, search and a web page."""
