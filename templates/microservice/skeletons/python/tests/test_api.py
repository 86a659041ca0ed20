"""The HTTP API, end to end, on the service's real storage (see conftest.py)."""

import pytest


def create(client, name="widget", description="a widget"):
    response = client.post("/items", json={"name": name, "description": description})
    assert response.status_code == 201, response.text
    return response.json()


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_starts_with_no_items(client):
    response = client.get("/items")
    assert response.status_code == 200
    assert response.json() == []


def test_creates_an_item(client):
    item = create(client, "widget", "a widget")
    assert item["id"]
    assert item == {"id": item["id"], "name": "widget", "description": "a widget"}
    assert client.get(f"/items/{item['id']}").json() == item
    assert client.get("/items").json() == [item]


def test_description_is_optional(client):
    response = client.post("/items", json={"name": "widget"})
    assert response.status_code == 201
    assert response.json()["description"] == ""


def test_gives_each_item_its_own_id(client):
    first = create(client, "widget")
    second = create(client, "widget")
    assert first["id"] != second["id"]


def test_lists_items_by_name(client):
    create(client, "bolt")
    create(client, "anchor")
    create(client, "cog")
    assert [item["name"] for item in client.get("/items").json()] == ["anchor", "bolt", "cog"]


@pytest.mark.parametrize(
    "body",
    [{"description": "no name"}, {"name": ""}, {"name": None}, {"name": ["widget"]}, []],
    ids=["missing name", "empty name", "null name", "name not a string", "not an object"],
)
def test_refuses_an_invalid_item(client, body):
    response = client.post("/items", json=body)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert client.get("/items").json() == []


def test_refuses_a_body_that_is_not_json(client):
    response = client.post(
        "/items", content=b"name=widget", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_gets_an_item(client):
    item = create(client)
    response = client.get(f"/items/{item['id']}")
    assert response.status_code == 200
    assert response.json() == item


def test_get_of_an_unknown_item_is_404(client):
    response = client.get("/items/does-not-exist")
    assert response.status_code == 404
    assert response.json() == {"detail": "item does-not-exist not found"}


def test_replaces_an_item(client):
    item = create(client, "widget", "a widget")
    response = client.put(f"/items/{item['id']}", json={"name": "gadget", "description": "new"})
    assert response.status_code == 200
    replaced = {"id": item["id"], "name": "gadget", "description": "new"}
    assert response.json() == replaced
    assert client.get(f"/items/{item['id']}").json() == replaced
    assert client.get("/items").json() == [replaced]


def test_put_of_an_unknown_item_is_404_and_creates_nothing(client):
    response = client.put("/items/does-not-exist", json={"name": "gadget"})
    assert response.status_code == 404
    assert client.get("/items").json() == []


def test_put_refuses_an_invalid_item_and_keeps_the_old_one(client):
    item = create(client)
    response = client.put(f"/items/{item['id']}", json={"description": "no name"})
    assert response.status_code == 422
    assert client.get(f"/items/{item['id']}").json() == item


def test_deletes_an_item(client):
    kept = create(client, "kept")
    item = create(client, "deleted")
    response = client.delete(f"/items/{item['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"/items/{item['id']}").status_code == 404
    assert client.get("/items").json() == [kept]


def test_delete_of_an_unknown_item_is_404(client):
    response = client.delete("/items/does-not-exist")
    assert response.status_code == 404


def test_serves_the_api_of_openapi_yaml(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    operations = {
        (path, method): operation["operationId"]
        for path, methods in response.json()["paths"].items()
        for method, operation in methods.items()
    }
    assert operations == {
        ("/health", "get"): "getHealth",
        ("/items", "get"): "listItems",
        ("/items", "post"): "createItem",
        ("/items/{id}", "get"): "getItem",
        ("/items/{id}", "put"): "replaceItem",
        ("/items/{id}", "delete"): "deleteItem",
    }
