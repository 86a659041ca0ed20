"""The HTTP API: a health check and CRUD over items, as openapi.yaml describes it."""

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response, status

from .models import Item, ItemIn
from .store import ItemStore

router = APIRouter()

# The path parameter is `id`, as in openapi.yaml.
ItemId = Path(..., alias="id", description="The item's id, as the service gave it")


def get_store(request: Request) -> ItemStore:
    return request.app.state.store


def not_found(item_id: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=f"item {item_id} not found")


@router.get("/health", tags=["health"], operation_id="getHealth")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/items", response_model=list[Item], tags=["items"], operation_id="listItems")
def list_items(store: ItemStore = Depends(get_store)) -> list[Item]:
    return store.list_items()


@router.post(
    "/items",
    response_model=Item,
    status_code=status.HTTP_201_CREATED,
    tags=["items"],
    operation_id="createItem",
)
def create_item(data: ItemIn, store: ItemStore = Depends(get_store)) -> Item:
    return store.create_item(data)


@router.get("/items/{id}", response_model=Item, tags=["items"], operation_id="getItem")
def get_item(item_id: str = ItemId, store: ItemStore = Depends(get_store)) -> Item:
    item = store.get_item(item_id)
    if item is None:
        raise not_found(item_id)
    return item


@router.put("/items/{id}", response_model=Item, tags=["items"], operation_id="replaceItem")
def replace_item(
    data: ItemIn, item_id: str = ItemId, store: ItemStore = Depends(get_store)
) -> Item:
    item = store.update_item(item_id, data)
    if item is None:
        raise not_found(item_id)
    return item


@router.delete(
    "/items/{id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    tags=["items"],
    operation_id="deleteItem",
)
def delete_item(item_id: str = ItemId, store: ItemStore = Depends(get_store)) -> Response:
    if not store.delete_item(item_id):
        raise not_found(item_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
