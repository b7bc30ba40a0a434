package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

// TestFieldRules sends one good and one or more bad values for every rule
// of the reference page. A case with no wantField must be created.
func TestFieldRules(t *testing.T) {
	long := strings.Repeat("a", 100)
	tests := []struct {
		name      string
		set       map[string]string
		wantField string
		wantWhy   string
	}{
		{"all fields valid", nil, "", ""},
		{"only required fields", map[string]string{"last_name": "", "email": "", "phone": "",
			"height": "", "weight": "", "language": ""}, "", ""},

		{"first_name diacritics", map[string]string{"first_name": `"Zoë-Åsa Dupré"`}, "", ""},
		{"first_name combining mark", map[string]string{"first_name": `"Jose\u0301"`}, "", ""},
		{"first_name apostrophe period", map[string]string{"first_name": `"D'Arcy J."`}, "", ""},
		{"first_name 100 chars", map[string]string{"first_name": `"` + long + `"`}, "", ""},
		{"first_name missing", map[string]string{"first_name": ""},
			"first_name", reasonRequired},
		{"first_name null", map[string]string{"first_name": "null"},
			"first_name", reasonRequired},
		{"first_name empty", map[string]string{"first_name": `""`}, "first_name", reasonNameLen},
		{"first_name 101 chars", map[string]string{"first_name": `"` + long + `b"`},
			"first_name", reasonNameLen},
		{"first_name cyrillic", map[string]string{"first_name": `"Иван"`},
			"first_name", reasonNameChars},
		{"first_name digit", map[string]string{"first_name": `"Lena2"`},
			"first_name", reasonNameChars},
		{"first_name only punctuation", map[string]string{"first_name": `"-."`},
			"first_name", reasonNameChars},
		{"first_name number", map[string]string{"first_name": `42`}, "first_name", reasonString},

		{"last_name absent", map[string]string{"last_name": ""}, "", ""},
		{"last_name null", map[string]string{"last_name": "null"}, "", ""},
		{"last_name hyphenated", map[string]string{"last_name": `"Virtanen-Østby"`}, "", ""},
		{"last_name empty", map[string]string{"last_name": `""`}, "last_name", reasonNameLen},
		{"last_name greek", map[string]string{"last_name": `"Παπαδόπουλος"`},
			"last_name", reasonNameChars},
		{"last_name array", map[string]string{"last_name": `["X"]`}, "last_name", reasonString},

		{"sex 1", map[string]string{"sex": `1`}, "", ""},
		{"sex missing", map[string]string{"sex": ""}, "sex", reasonRequired},
		{"sex 3", map[string]string{"sex": `3`}, "sex", reasonSex},
		{"sex 0", map[string]string{"sex": `0`}, "sex", reasonSex},
		{"sex string", map[string]string{"sex": `"2"`}, "sex", reasonInteger},
		{"sex fraction", map[string]string{"sex": `2.0`}, "sex", reasonInteger},
		{"sex bool", map[string]string{"sex": `true`}, "sex", reasonInteger},

		{"dob yesterday", map[string]string{"date_of_birth": `"2025-06-14"`}, "", ""},
		{"dob missing", map[string]string{"date_of_birth": ""}, "date_of_birth", reasonRequired},
		{"dob today", map[string]string{"date_of_birth": `"2025-06-15"`},
			"date_of_birth", reasonDatePast},
		{"dob future", map[string]string{"date_of_birth": `"2031-01-01"`},
			"date_of_birth", reasonDatePast},
		{"dob day first", map[string]string{"date_of_birth": `"22.03.1985"`},
			"date_of_birth", reasonDateForm},
		{"dob with time", map[string]string{"date_of_birth": `"1985-03-22T00:00:00Z"`},
			"date_of_birth", reasonDateForm},
		{"dob 30 February", map[string]string{"date_of_birth": `"1985-02-30"`},
			"date_of_birth", reasonDateReal},
		{"dob not leap year", map[string]string{"date_of_birth": `"1985-02-29"`},
			"date_of_birth", reasonDateReal},
		{"dob number", map[string]string{"date_of_birth": `19850322`},
			"date_of_birth", reasonString},

		{"group missing", map[string]string{"profile_group_slug": ""},
			"profile_group_slug", reasonRequired},
		{"group empty", map[string]string{"profile_group_slug": `""`},
			"profile_group_slug", reasonEmpty},
		{"group number", map[string]string{"profile_group_slug": `7`},
			"profile_group_slug", reasonString},

		{"email absent", map[string]string{"email": ""}, "", ""},
		{"email plus and subdomain",
			map[string]string{"email": `"a.b+c@mail.example.co.uk"`}, "", ""},
		{"email no at", map[string]string{"email": `"lena.example.org"`}, "email", reasonEmail},
		{"email no dot in domain", map[string]string{"email": `"lena@localhost"`},
			"email", reasonEmail},
		{"email display name", map[string]string{"email": `"Lena <lena@example.org>"`},
			"email", reasonEmail},
		{"email space", map[string]string{"email": `"lena @example.org"`}, "email", reasonEmail},
		{"email empty", map[string]string{"email": `""`}, "email", reasonEmail},
		{"email double dot domain", map[string]string{"email": `"lena@example..org"`},
			"email", reasonEmail},

		{"phone absent", map[string]string{"phone": ""}, "", ""},
		{"phone 15 digits", map[string]string{"phone": `"+358401234567890"`}, "", ""},
		{"phone national", map[string]string{"phone": `"030555000111"`}, "phone", reasonPhone},
		{"phone spaces", map[string]string{"phone": `"+49 30 555000111"`}, "phone", reasonPhone},
		{"phone 16 digits", map[string]string{"phone": `"+4930555000111222"`},
			"phone", reasonPhone},
		{"phone leading zero", map[string]string{"phone": `"+04930555"`}, "phone", reasonPhone},
		{"phone number type", map[string]string{"phone": `4930555000111`}, "phone", reasonString},

		{"height absent", map[string]string{"height": ""}, "", ""},
		{"height exponent", map[string]string{"height": `1.7e2`}, "", ""},
		{"height zero", map[string]string{"height": `0`}, "height", reasonPositive},
		{"height negative", map[string]string{"height": `-170`}, "height", reasonPositive},
		{"height string", map[string]string{"height": `"170"`}, "height", reasonNumber},
		{"weight absent", map[string]string{"weight": ""}, "", ""},
		{"weight fraction", map[string]string{"weight": `0.4`}, "", ""},
		{"weight negative", map[string]string{"weight": `-1`}, "weight", reasonPositive},
		{"weight string", map[string]string{"weight": `"61 kg"`}, "weight", reasonNumber},

		{"language en", map[string]string{"language": `"en"`}, "", ""},
		{"language fi", map[string]string{"language": `"fi"`}, "", ""},
		{"language sv", map[string]string{"language": `"sv"`}, "language", reasonLanguage},
		{"language upper case", map[string]string{"language": `"DE"`}, "language", reasonLanguage},
		{"language number", map[string]string{"language": `1`}, "language", reasonString},

		{"unknown field", map[string]string{"dob": `"1985-03-22"`}, "dob", reasonUnknown},
	}
	_, url := serve(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := post(t, url, DefaultKey, bodyWith(tt.set), nil)
			if got.err != nil {
				t.Fatal(got.err)
			}
			if tt.wantField == "" {
				if got.status != http.StatusCreated {
					t.Fatalf("status = %d, want 201; body %s", got.status, got.body)
				}
				return
			}
			if got.status != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400; body %s", got.status, got.body)
			}
			errs := errorsOf(t, got.body)
			if len(errs) != 1 || errs[tt.wantField] != tt.wantWhy {
				t.Errorf("errors = %v, want only %s: %q", errs, tt.wantField, tt.wantWhy)
			}
		})
	}
}

// TestEveryFailureListed checks the exact 400 body when many rules break:
// all fields, in the reference page's order.
func TestEveryFailureListed(t *testing.T) {
	_, url := serve(t, Options{})
	body := bodyWith(map[string]string{
		"first_name": `"Lena1"`, "sex": `"f"`, "date_of_birth": "", "email": `"x"`,
		"phone": `"0301234"`, "height": `0`, "weight": `"heavy"`, "language": `"sv"`,
		"nickname": `"L"`,
	})
	got := post(t, url, DefaultKey, body, nil)
	want := `{"error":"validation_error","message":"one or more fields failed validation",` +
		`"errors":{"first_name":"must use latin characters","sex":"must be an integer",` +
		`"date_of_birth":"is required","email":"must be a well-formed email address",` +
		`"phone":"must be in E.164 format (e.g. +14155552671)",` +
		`"height":"must be a positive number","weight":"must be a number",` +
		`"language":"must be one of en, de, fi","nickname":"is not a known field"}}`
	if got.status != http.StatusBadRequest || string(got.body) != want {
		t.Errorf("got %d %s\nwant 400 %s", got.status, got.body, want)
	}
	if strings.Contains(string(got.body), "Lena1") {
		t.Errorf("400 body quotes a patient value: %s", got.body)
	}
}

func TestMalformedBodies(t *testing.T) {
	tests := []struct {
		name string
		body string
		ct   string
		want int
	}{
		{"not JSON", `{"first_name":`, "application/json", http.StatusBadRequest},
		{"array", `[{"first_name":"Lena"}]`, "application/json", http.StatusBadRequest},
		{"null", `null`, "application/json", http.StatusBadRequest},
		{"trailing data", string(bodyWith(nil)) + `{}`, "application/json", http.StatusBadRequest},
		{"charset param ok", string(bodyWith(nil)), "application/json; charset=utf-8",
			http.StatusCreated},
		{"form type", string(bodyWith(nil)), "application/x-www-form-urlencoded",
			http.StatusUnsupportedMediaType},
		{"too large", `{"first_name":"` + strings.Repeat("a", maxRequestBody) + `"}`,
			"application/json", http.StatusRequestEntityTooLarge},
	}
	_, url := serve(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := map[string]string{"Content-Type": tt.ct}
			got := post(t, url, DefaultKey, []byte(tt.body), hdr)
			if got.status != tt.want {
				t.Errorf("status = %d, want %d; body %.200s", got.status, tt.want, got.body)
			}
		})
	}
}
