"""`python -m app`: serves the API on PORT (default ${{ values.port }}), on every interface."""

import os

import uvicorn

if __name__ == "__main__":
    uvicorn.run(
        "app.main:app",
        host=os.environ.get("HOST", "0.0.0.0"),
        port=int(os.environ.get("PORT", "${{ values.port }}")),
    )
