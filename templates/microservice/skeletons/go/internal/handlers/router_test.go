package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"${{ values.name }}/internal/handlers"
	"${{ values.name }}/internal/storage"
)

// router serves the API over the storage this service was generated with
// (see openTestStore): the tests exercise the real database.
var router http.Handler

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	store, cleanup, err := openTestStore(context.Background())
	if err != nil {
		fmt.Fprintf(os.Stderr, "cannot open the storage the tests run against: %v\n", err)
		os.Exit(1)
	}
	router = handlers.NewRouter(store)
	code := m.Run()
	cleanup()
	os.Exit(code)
}

func TestHealth(t *testing.T) {
	res := request(t, http.MethodGet, "/health", "")
	expectStatus(t, res, http.StatusOK)
	var body map[string]string
	decode(t, res, &body)
	if body["status"] != "ok" {
		t.Fatalf(`GET /health = %v, want {"status":"ok"}`, body)
	}
}

func TestCreateAndGetItem(t *testing.T) {
	res := request(t, http.MethodPost, "/items", `{"name":"  widget  ","description":"a small widget"}`)
	expectStatus(t, res, http.StatusCreated)
	var created storage.Item
	decode(t, res, &created)
	if created.ID == "" || created.Name != "widget" || created.Description != "a small widget" {
		t.Fatalf("POST /items returned %+v", created)
	}
	if location := res.Header().Get("Location"); location != "/items/"+created.ID {
		t.Errorf("Location = %q, want /items/%s", location, created.ID)
	}

	res = request(t, http.MethodGet, "/items/"+created.ID, "")
	expectStatus(t, res, http.StatusOK)
	var fetched storage.Item
	decode(t, res, &fetched)
	if fetched != created {
		t.Fatalf("GET /items/%s = %+v, want %+v", created.ID, fetched, created)
	}
}

func TestCreateItemWithoutDescription(t *testing.T) {
	created := createItem(t, `{"name":"gadget"}`)
	fetched := getItem(t, created.ID)
	if fetched.Description != "" || fetched.Name != "gadget" {
		t.Fatalf("GET /items/%s = %+v", created.ID, fetched)
	}
}

func TestCreateItemAtTheLengthLimits(t *testing.T) {
	// Characters, not bytes: é is two bytes in UTF-8.
	name := strings.Repeat("é", 200)
	description := strings.Repeat("d", 2000)
	body, err := json.Marshal(map[string]string{"name": name, "description": description})
	if err != nil {
		t.Fatal(err)
	}
	created := createItem(t, string(body))
	if fetched := getItem(t, created.ID); fetched.Name != name || fetched.Description != description {
		t.Fatalf("GET /items/%s did not return the name and description as sent", created.ID)
	}
}

func TestCreateItemRejectsBadInput(t *testing.T) {
	before := len(listItems(t))
	for _, tc := range []struct {
		body   string
		status int
	}{
		{`{"description":"no name"}`, http.StatusUnprocessableEntity},
		{`{"name":""}`, http.StatusUnprocessableEntity},
		{`{"name":"   "}`, http.StatusUnprocessableEntity},
		{`{"name":"` + strings.Repeat("é", 201) + `"}`, http.StatusUnprocessableEntity},
		{`{"name":"long","description":"` + strings.Repeat("d", 2001) + `"}`, http.StatusUnprocessableEntity},
		{`{"name":42}`, http.StatusBadRequest},
		{`{"name":`, http.StatusBadRequest},
		{`["widget"]`, http.StatusBadRequest},
		{``, http.StatusBadRequest},
	} {
		res := request(t, http.MethodPost, "/items", tc.body)
		expectStatus(t, res, tc.status)
		expectError(t, res)
	}
	if after := len(listItems(t)); after != before {
		t.Fatalf("rejected requests changed the number of items from %d to %d", before, after)
	}
}

func TestListItems(t *testing.T) {
	b := createItem(t, `{"name":"list b","description":"second"}`)
	a := createItem(t, `{"name":"list a","description":"first"}`)

	items := listItems(t)
	indexOf := map[string]int{}
	for i, item := range items {
		indexOf[item.ID] = i
	}
	ia, okA := indexOf[a.ID]
	ib, okB := indexOf[b.ID]
	if !okA || !okB {
		t.Fatalf("GET /items = %+v, want it to include %+v and %+v", items, a, b)
	}
	if items[ia] != a || items[ib] != b {
		t.Fatalf("GET /items returned %+v and %+v, want %+v and %+v", items[ia], items[ib], a, b)
	}
	sorted := sort.SliceIsSorted(items, func(i, j int) bool {
		if items[i].Name != items[j].Name {
			return items[i].Name < items[j].Name
		}
		return items[i].ID < items[j].ID
	})
	if !sorted {
		t.Fatalf("GET /items is not ordered by name: %+v", items)
	}
}

func TestUpdateItem(t *testing.T) {
	created := createItem(t, `{"name":"before","description":"old"}`)

	res := request(t, http.MethodPut, "/items/"+created.ID, `{"name":"after","description":"new"}`)
	expectStatus(t, res, http.StatusOK)
	var updated storage.Item
	decode(t, res, &updated)
	want := storage.Item{ID: created.ID, Name: "after", Description: "new"}
	if updated != want {
		t.Fatalf("PUT /items/%s = %+v, want %+v", created.ID, updated, want)
	}
	if fetched := getItem(t, created.ID); fetched != want {
		t.Fatalf("GET after PUT = %+v, want %+v", fetched, want)
	}
}

func TestUpdateItemRejectsBadInput(t *testing.T) {
	created := createItem(t, `{"name":"unchanged","description":"kept"}`)
	for _, body := range []string{`{"description":"no name"}`, `{"name":" "}`} {
		res := request(t, http.MethodPut, "/items/"+created.ID, body)
		expectStatus(t, res, http.StatusUnprocessableEntity)
		expectError(t, res)
	}
	res := request(t, http.MethodPut, "/items/"+created.ID, `not json`)
	expectStatus(t, res, http.StatusBadRequest)
	expectError(t, res)

	if fetched := getItem(t, created.ID); fetched != created {
		t.Fatalf("rejected PUTs changed the item: %+v, want %+v", fetched, created)
	}
}

func TestUpdateMissingItem(t *testing.T) {
	id := missingID(t)
	res := request(t, http.MethodPut, "/items/"+id, `{"name":"ghost"}`)
	expectStatus(t, res, http.StatusNotFound)
	expectError(t, res)
	// PUT does not create.
	expectStatus(t, request(t, http.MethodGet, "/items/"+id, ""), http.StatusNotFound)
}

func TestDeleteItem(t *testing.T) {
	created := createItem(t, `{"name":"doomed"}`)

	res := request(t, http.MethodDelete, "/items/"+created.ID, "")
	expectStatus(t, res, http.StatusNoContent)
	if res.Body.Len() != 0 {
		t.Errorf("DELETE answered a body: %q", res.Body.String())
	}
	expectStatus(t, request(t, http.MethodGet, "/items/"+created.ID, ""), http.StatusNotFound)

	res = request(t, http.MethodDelete, "/items/"+created.ID, "")
	expectStatus(t, res, http.StatusNotFound)
	expectError(t, res)
}

func TestGetMissingItem(t *testing.T) {
	id := missingID(t)
	res := request(t, http.MethodGet, "/items/"+id, "")
	expectStatus(t, res, http.StatusNotFound)
	if message := expectError(t, res); !strings.Contains(message, id) {
		t.Errorf("404 error %q does not name the id %s", message, id)
	}
}

func TestUnknownRoute(t *testing.T) {
	res := request(t, http.MethodGet, "/nothing-here", "")
	expectStatus(t, res, http.StatusNotFound)
	expectError(t, res)
}

// request sends a request to the router; a non-empty body is sent as JSON.
func request(t *testing.T, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res := httptest.NewRecorder()
	router.ServeHTTP(res, req)
	return res
}

func createItem(t *testing.T, body string) storage.Item {
	t.Helper()
	res := request(t, http.MethodPost, "/items", body)
	expectStatus(t, res, http.StatusCreated)
	var item storage.Item
	decode(t, res, &item)
	return item
}

func getItem(t *testing.T, id string) storage.Item {
	t.Helper()
	res := request(t, http.MethodGet, "/items/"+id, "")
	expectStatus(t, res, http.StatusOK)
	var item storage.Item
	decode(t, res, &item)
	return item
}

func listItems(t *testing.T) []storage.Item {
	t.Helper()
	res := request(t, http.MethodGet, "/items", "")
	expectStatus(t, res, http.StatusOK)
	var items []storage.Item
	decode(t, res, &items)
	if items == nil {
		t.Fatalf("GET /items = %s, want a JSON array", res.Body.String())
	}
	return items
}

// missingID returns the id of an item that was created and deleted.
func missingID(t *testing.T) string {
	t.Helper()
	item := createItem(t, `{"name":"short-lived"}`)
	expectStatus(t, request(t, http.MethodDelete, "/items/"+item.ID, ""), http.StatusNoContent)
	return item.ID
}

func expectStatus(t *testing.T, res *httptest.ResponseRecorder, want int) {
	t.Helper()
	if res.Code != want {
		t.Fatalf("status %d, want %d; body: %s", res.Code, want, res.Body.String())
	}
}

// expectError checks the body is {"error": "<message>"} and returns the message.
func expectError(t *testing.T, res *httptest.ResponseRecorder) string {
	t.Helper()
	var body struct {
		Error string `json:"error"`
	}
	decode(t, res, &body)
	if body.Error == "" {
		t.Fatalf(`body %s has no "error" message`, res.Body.String())
	}
	return body.Error
}

func decode(t *testing.T, res *httptest.ResponseRecorder, out any) {
	t.Helper()
	if contentType := res.Header().Get("Content-Type"); !strings.HasPrefix(contentType, "application/json") {
		t.Fatalf("Content-Type %q, want application/json; body: %s", contentType, res.Body.String())
	}
	if err := json.Unmarshal(res.Body.Bytes(), out); err != nil {
		t.Fatalf("decode %s: %v", res.Body.String(), err)
	}
}
