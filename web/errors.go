package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
)

// handlerFunc is a handler that returns its failure; one adapter (api or
// page) turns the failure into a response.
type handlerFunc func(c *gin.Context) error

// inputError is a request the server could not read (a number that is not
// a number, a missing parameter): 400 with the fields at fault, already in
// the reader's language.
type inputError struct {
	Fields []roads.FieldError
}

func (e *inputError) Error() string {
	if len(e.Fields) == 0 {
		return "bad request"
	}
	return e.Fields[0].Error()
}

func (e *inputError) Unwrap() error { return roads.ErrInvalid }

// wordedError is a validation failure the web layer found and already
// worded in the reader's language, field by field; classify passes its
// messages through instead of rewording them by field name, which would
// replace a precise message with the field's generic one.
type wordedError struct{ *roads.ValidationError }

func (e wordedError) Unwrap() error { return e.ValidationError }

// worded is the failure of a form or request body whose problems are
// already in the reader's language.
func worded(record string, fields []roads.FieldError) error {
	return wordedError{&roads.ValidationError{Record: record, Fields: fields}}
}

// apiFault is the error body of every API response that fails:
// {"error":{"code","message","fields":[{"field","value","message"}],"current":{...}}}.
type apiFault struct {
	Error apiFaultBody `json:"error"`
}

type apiFaultBody struct {
	Code    string             `json:"code"`
	Message string             `json:"message"`
	Fields  []roads.FieldError `json:"fields"`
	// Current is the row as it now stands, on a conflict with a stale edit.
	Current *ruasDoc `json:"current,omitempty"`
}

// classify maps an error to its HTTP status and error body. It is the one
// place that knows which sentinel means which status, and that words the
// register's own (English) errors for Bahasa readers (storeMessage).
func classify(err error, l Locale) (int, apiFaultBody) {
	body := apiFaultBody{Message: err.Error(), Fields: []roads.FieldError{}}
	var ie *inputError
	var we wordedError
	var ve *roads.ValidationError
	var ce *roads.ConflictError
	switch {
	case errors.As(err, &ie):
		body.Code = "bad_request"
		body.Message = l.T("err.bad_request")
		body.Fields = ie.Fields
		return http.StatusBadRequest, body
	case errors.As(err, &we):
		body.Code = "invalid"
		body.Message = l.T("err.invalid")
		body.Fields = append(body.Fields, we.Fields...)
		return http.StatusUnprocessableEntity, body
	case errors.As(err, &ve):
		body.Code = "invalid"
		body.Message = l.T("err.invalid")
		for _, f := range ve.Fields {
			body.Fields = append(body.Fields, roads.FieldError{Field: f.Field, Value: f.Value, Message: l.FieldMessage(f), Max: f.Max})
		}
		return http.StatusUnprocessableEntity, body
	case errors.As(err, &ce):
		body.Code = "conflict"
		body.Message = l.T("err.stale", ce.Current.Version, ce.Tried)
		doc := newRuasDoc(ce.Current)
		body.Current = &doc
		body.Fields = append(body.Fields, roads.FieldError{Field: "version", Value: itoa(ce.Tried), Message: body.Message})
		return http.StatusConflict, body
	case errors.Is(err, publish.ErrStale):
		body.Code = "conflict"
		body.Message = l.T("err.stale_plan")
		body.Fields = append(body.Fields, roads.FieldError{Field: "plan", Message: err.Error()})
		return http.StatusConflict, body
	case errors.Is(err, roads.ErrConflict):
		body.Code = "conflict"
		body.Message = storeMessage(err, l)
		body.Fields = append(body.Fields, roads.FieldError{Field: "key", Message: body.Message})
		return http.StatusConflict, body
	case errors.Is(err, roads.ErrInvalid):
		// A rule of the register broken outside a field list (e.g. a
		// survey measurement out of range): name the record as the field.
		body.Code = "invalid"
		body.Message = l.T("err.invalid")
		body.Fields = append(body.Fields, roads.FieldError{Field: "record", Message: storeMessage(err, l)})
		return http.StatusUnprocessableEntity, body
	case errors.Is(err, roads.ErrNotFound):
		body.Code = "not_found"
		body.Message = storeMessage(err, l)
		return http.StatusNotFound, body
	case errors.Is(err, roads.ErrForbidden):
		// e.g. a walidata verifying their own edit.
		body.Code = "forbidden"
		body.Message = storeMessage(err, l)
		return http.StatusForbidden, body
	case errors.Is(err, roads.ErrUnauthenticated):
		body.Code = "unauthenticated"
		body.Message = l.T("err.signin")
		return http.StatusUnauthorized, body
	case errors.Is(err, roads.ErrLimited):
		body.Code = "too_many_requests"
		return http.StatusTooManyRequests, body
	}
	body.Code = "internal"
	body.Message = l.T("err.internal")
	return http.StatusInternalServerError, body
}

// api adapts a JSON handler: a returned error becomes the error body.
func (s *Server) api(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		err := h(c)
		if err == nil {
			return
		}
		status, body := classify(err, localeOf(c))
		if status >= 500 {
			s.log.Error("api", "path", c.Request.URL.Path, "err", err)
		}
		c.JSON(status, apiFault{Error: body})
	}
}

// page adapts an HTML handler: a returned error becomes the error page.
func (s *Server) page(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		err := h(c)
		if err == nil {
			return
		}
		l := localeOf(c)
		status, body := classify(err, l)
		if status >= 500 {
			s.log.Error("page", "path", c.Request.URL.Path, "err", err)
		}
		p := errorPage{Base: s.base(c, l, "")}
		p.Title = l.T("err.title")
		p.Status, p.Fault = status, body
		s.render(c, status, "error", p)
	}
}

// badInput builds an inputError from field, value, message triples.
func badInput(fields ...roads.FieldError) error { return &inputError{Fields: fields} }
