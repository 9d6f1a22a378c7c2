package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Error is an error answer: its __type (an error shape of the model, or
// one of AWS's common ones: ValidationException, SerializationException,
// UnknownOperationException) and message.
type Error struct {
	Type    string
	Message string
	Status  int // 0: 400, or 500 for InternalServiceError
}

func (e *Error) Error() string { return e.Type + ": " + e.Message }

func (e *Error) status() int {
	switch {
	case e.Status != 0:
		return e.Status
	case e.Type == "InternalServiceError":
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

func invalid(format string, args ...any) *Error {
	return &Error{Type: "InvalidRequestException", Message: fmt.Sprintf(format, args...)}
}

func internalError(err error) *Error {
	return &Error{Type: "InternalServiceError", Message: err.Error()}
}

// writeError writes the body the SDKs and the AWS CLI parse: {"__type",
// "message"}, with the type in X-Amzn-ErrorType too.
func writeError(w http.ResponseWriter, err error) {
	e, ok := err.(*Error)
	if !ok {
		e = internalError(err)
	}
	body, _ := json.Marshal(map[string]string{"__type": e.Type, "message": e.Message})
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Amzn-ErrorType", e.Type)
	w.WriteHeader(e.status())
	_, _ = w.Write(body)
}
