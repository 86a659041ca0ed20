"""The API's resource: an item, as clients send it and as the service returns it."""

from pydantic import BaseModel, Field


class ItemIn(BaseModel):
    """An item as a client creates or replaces it."""

    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=2000)


class Item(ItemIn):
    """A stored item: what the client sent plus the id the service gave it."""

    id: str
