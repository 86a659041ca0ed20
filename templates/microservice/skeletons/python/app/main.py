"""The ${{ values.name }} service: `uvicorn app.main:app`, or `python -m app`."""

from fastapi import FastAPI

from .api import router
from .storage import open_store


def create_app() -> FastAPI:
    """The service, on the storage the environment configures.

    The storage is opened and prepared at start-up: a service that cannot
    reach its database fails to start instead of failing requests.
    """
    app = FastAPI(
        title="${{ values.name }}",
        description=${{ (values.description or ("The " + values.name + " service.")) | dump }},
        version="0.1.0",
    )
    app.include_router(router)

    def start() -> None:
        store = open_store()
        store.setup()
        app.state.store = store

    def stop() -> None:
        app.state.store.close()

    app.add_event_handler("startup", start)
    app.add_event_handler("shutdown", stop)
    return app


app = create_app()
