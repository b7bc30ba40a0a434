package normalize

import (
	"fmt"
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"maria.schmidt@example.com", "maria.schmidt@example.com"},
		{"  maria@example.com\u00a0", "maria@example.com"},
		{"Maria.Schmidt@Example.COM", "Maria.Schmidt@example.com"},
		{"m+clinic@mail.example.de", "m+clinic@mail.example.de"},
		{"maija_virtanen@esimerkki.fi", "maija_virtanen@esimerkki.fi"},
		{"jürgen@müller.example", "jürgen@xn--mller-kva.example"},
		{"anna@MÜLLER.de", "anna@xn--mller-kva.de"},
		{"anna@müller。de", "anna@xn--mller-kva.de"},
		{"a@b-c.de", "a@b-c.de"},
	}
	for _, tt := range tests {
		got, err := Email(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Email(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestEmailErrors(t *testing.T) {
	tests := []struct{ in, rule, hint string }{
		{"", "must not be empty", "leave the column out"},
		{"maria@@example.com", "must contain exactly one @", "name@example.com"},
		{"maria@example@com", "must contain exactly one @", ""},
		{"maria.example.com", "must contain an @", ""},
		{"maria@ab\u0663.de", "must have a domain that can be written in ASCII (IDNA)", "xn--"},
		{"maria@" + strings.Repeat("a", 64) + ".de", "must not have a part of the domain over 63 characters", ""},
		{"maria@" + strings.Repeat("ü", 60) + ".de", "must not have a part of the domain over 63 characters", ""},
		{"maria schmidt@example.com", "must not contain spaces", ""},
		{"Maria <maria@example.com>", "must be a bare address, without a display name or " +
			"angle brackets", "angle brackets"},
		{"<maria@example.com>", "must be a bare address, without a display name or angle brackets",
			"angle brackets"},
		{"maria(at)example.com", "must contain an @", "name@example.com"},
		{"maria(work)@example.com", "must be a bare address, without a comment in brackets", ""},
		{"a@example.com, b@example.com", "must hold a single address; found ','", "one address"},
		{"a@example.com;b@example.com", "must hold a single address; found ';'", ""},
		{"@example.com", "is missing the part before the @", ""},
		{"maria@", "is missing the domain after the @", ""},
		{"maria@localhost", "must have a domain with a dot, such as example.com", ""},
		{"maria@.example.com", "must not start or end the domain with a dot", ""},
		{"maria@example.com.", "must not start or end the domain with a dot", ""},
		{"maria@example..com", "must not contain two dots in a row", ""},
		{".maria@example.com", "must not start or end the part before the @ with a dot", ""},
		{"maria.@example.com", "must not start or end the part before the @ with a dot", ""},
		{"ma..ria@example.com", "must not contain two dots in a row", ""},
		{"maria@-example.com", "must not start or end a part of the domain with a hyphen", ""},
		{"maria@exa_mple.com", "must not have '_' in the domain", ""},
		{"maria@example.c", "must end the domain with a top-level name such as .com or .de", ""},
		{"maria@10.0.0.1", "must end the domain with a top-level name such as .com or .de", ""},
		{"\"maria\"@example.com", "must not contain '\"'", ""},
		{strings.Repeat("m", 65) + "@example.com",
			"must have at most 64 characters before the @", ""},
		{"m@" + strings.Repeat("d", 250) + ".com", "must be at most 254 characters long", ""},
	}
	for _, tt := range tests {
		got, err := Email(tt.in)
		checkError(t, fmt.Sprintf("Email(%q)", tt.in), got, err, tt.rule, tt.hint)
	}
}
