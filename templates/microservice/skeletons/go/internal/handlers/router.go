// Package handlers is the service's HTTP API (see openapi.yaml): a health
// check and CRUD over items.
package handlers

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"${{ values.name }}/internal/storage"
)

// itemInput is the body of POST /items and PUT /items/{id}.
type itemInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

type api struct {
	store storage.Store
}

// NewRouter returns the service's routes over store, behind gin's panic
// recovery and then middleware (gin applies middleware only to the routes
// registered after it, hence a parameter).
func NewRouter(store storage.Store, middleware ...gin.HandlerFunc) *gin.Engine {
	a := &api{store: store}
	router := gin.New()
	router.Use(gin.Recovery())
	router.Use(middleware...)
	router.NoRoute(func(c *gin.Context) {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
	})

	router.GET("/health", a.health)
	router.GET("/items", a.listItems)
	router.POST("/items", a.createItem)
	router.GET("/items/:id", a.getItem)
	router.PUT("/items/:id", a.updateItem)
	router.DELETE("/items/:id", a.deleteItem)
	return router
}

func (a *api) health(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (a *api) listItems(c *gin.Context) {
	items, err := a.store.List(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, items)
}

func (a *api) createItem(c *gin.Context) {
	input, ok := bindItem(c)
	if !ok {
		return
	}
	item, err := a.store.Create(c.Request.Context(), input.Name, input.Description)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.Header("Location", "/items/"+item.ID)
	c.JSON(http.StatusCreated, item)
}

func (a *api) getItem(c *gin.Context) {
	item, err := a.store.Get(c.Request.Context(), c.Param("id"))
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, item)
}

func (a *api) updateItem(c *gin.Context) {
	input, ok := bindItem(c)
	if !ok {
		return
	}
	item, err := a.store.Update(c.Request.Context(), storage.Item{
		ID:          c.Param("id"),
		Name:        input.Name,
		Description: input.Description,
	})
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, item)
}

func (a *api) deleteItem(c *gin.Context) {
	if err := a.store.Delete(c.Request.Context(), c.Param("id")); err != nil {
		a.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// The limits of openapi.yaml's ItemInput, in characters.
const (
	maxNameLength        = 200
	maxDescriptionLength = 2000
)

// bindItem reads an item from the request body: 400 when it is not a JSON
// object of the right shape, 422 when the name is missing or blank or a
// field is too long.
func bindItem(c *gin.Context) (itemInput, bool) {
	var input itemInput
	if err := c.ShouldBindJSON(&input); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "the body must be a JSON object: " + err.Error()})
		return input, false
	}
	input.Name = strings.TrimSpace(input.Name)
	var problem string
	switch {
	case input.Name == "":
		problem = "name is required"
	case utf8.RuneCountInString(input.Name) > maxNameLength:
		problem = fmt.Sprintf("name is longer than %d characters", maxNameLength)
	case utf8.RuneCountInString(input.Description) > maxDescriptionLength:
		problem = fmt.Sprintf("description is longer than %d characters", maxDescriptionLength)
	default:
		return input, true
	}
	c.JSON(http.StatusUnprocessableEntity, gin.H{"error": problem})
	return input, false
}

// fail answers 404 for a missing item and 500, logged, for anything else.
func (a *api) fail(c *gin.Context, err error) {
	if errors.Is(err, storage.ErrNotFound) {
		c.JSON(http.StatusNotFound, gin.H{"error": "item " + c.Param("id") + " not found"})
		return
	}
	log.Printf("%s %s: %v", c.Request.Method, c.Request.URL.Path, err)
	c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
}
