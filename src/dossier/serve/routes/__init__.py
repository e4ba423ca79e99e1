"""The API's routes, one module and one `router` per resource; `serve.app` routes them in one table."""
