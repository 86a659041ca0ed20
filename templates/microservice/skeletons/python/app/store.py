"""What the API needs from a storage: app/storage.py implements it."""

from typing import Protocol

from .models import Item, ItemIn


class ItemStore(Protocol):
    def setup(self) -> None:
        """Prepares the storage at start-up (e.g. creates a missing table)."""

    def close(self) -> None:
        """Releases connections at shut-down."""

    def list_items(self) -> list[Item]:
        """All items, by name."""

    def get_item(self, item_id: str) -> Item | None:
        """The item, or None when there is none with that id."""

    def create_item(self, data: ItemIn) -> Item:
        """Stores a new item under a new id."""

    def update_item(self, item_id: str, data: ItemIn) -> Item | None:
        """Replaces the item's fields; None when there is no such item."""

    def delete_item(self, item_id: str) -> bool:
        """Deletes the item; False when there was none."""
