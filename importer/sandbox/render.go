package sandbox

import (
	"bytes"
	"encoding/json"
)

// errorJSON is the body of every error answer.
type errorJSON struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// reply builds an error answer.
func reply(status int, code, message string) *answer {
	b, _ := json.Marshal(errorJSON{Error: code, Message: message})
	return &answer{status: status, body: b}
}

// validationBody lists every failing field, in the reference page's order
// (which a Go map would lose, hence the hand-built object).
func validationBody(errs []fieldError) []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"error":"validation_error",` +
		`"message":"one or more fields failed validation","errors":{`)
	for i, e := range errs {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(e.Field)
		v, _ := json.Marshal(e.Reason)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteString("}}")
	return buf.Bytes()
}

// profileJSON is a created profile as the reference page shows it.
type profileJSON struct {
	ID          string          `json:"id"`
	Handle      *string         `json:"handle"`
	FirstName   string          `json:"first_name"`
	LastName    *string         `json:"last_name"`
	Email       string          `json:"email"`
	Phone       *string         `json:"phone"`
	Sex         int             `json:"sex"`
	DateOfBirth string          `json:"date_of_birth"`
	Height      json.RawMessage `json:"height"` // nil marshals as null
	Weight      json.RawMessage `json:"weight"`
	Language    string          `json:"language"`
}

// renderProfile is the 201 body. Without an email the sandbox makes one
// from the id alone, so it carries no patient value.
func renderProfile(id string, p *profile) []byte {
	out := profileJSON{
		ID:          id,
		FirstName:   p.FirstName,
		Email:       p.Email,
		Sex:         p.Sex,
		DateOfBirth: p.DateOfBirth,
		Height:      p.Height,
		Weight:      p.Weight,
		Language:    p.Language,
	}
	if p.hasLast {
		out.LastName = &p.LastName
	}
	if p.hasPhone {
		out.Phone = &p.Phone
	}
	if !p.hasEmail {
		out.Email = id + "@" + EmailDomain
	}
	b, _ := json.Marshal(out)
	return b
}
