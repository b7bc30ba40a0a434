package testgen

// Name pools. Every patient is an invented pairing of a common first name
// with a common family name; none is meant to be a real person. The German
// pools keep to characters that Windows-1252 can hold.

type firstName struct {
	name string
	sex  int // 1 male, 2 female
}

func females(names ...string) []firstName { return withSex(2, names) }
func males(names ...string) []firstName   { return withSex(1, names) }

func withSex(sex int, names []string) []firstName {
	out := make([]firstName, len(names))
	for i, n := range names {
		out[i] = firstName{name: n, sex: sex}
	}
	return out
}

var germanFirst = append(
	females("Anna", "Lena", "Marie", "Sophie", "Käthe", "Bärbel", "Anna-Lena", "Ursula",
		"Hannelore", "Jutta", "Renate", "Sabine", "Birgit", "Franziska", "Leonie", "Zoë",
		"Aylin", "Elif", "Heike", "Lieselotte", "Greta", "Mareike"),
	males("Jürgen", "Jörg", "Günther", "Björn", "Sören", "Lukas", "Maximilian",
		"Hans-Peter", "Klaus", "Dieter", "Uwe", "Tobias", "Jonas", "Felix", "Matthias",
		"Stefan", "Thorsten", "René", "Emre", "Mehmet", "Ole", "Friedrich")...)

var germanLast = []string{
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
	"Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
	"Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann",
	"Lange", "Werner", "Krause", "Meißner", "Köhler", "Weiß", "Groß", "Strauß", "Jäger",
	"Böhm", "Özdemir", "Çelik", "Nowak", "von Bülow", "Fuß", "Dörfler", "Kühn", "Heß",
	"Albrecht",
}

var finnishFirst = append(
	females("Aino", "Helmi", "Tuulikki", "Päivi", "Sini", "Outi", "Kyllikki", "Eeva",
		"Liisa", "Minna", "Hanna", "Satu", "Riikka", "Anni", "Venla", "Siiri", "Ella",
		"Iida", "Åsa", "Mirjami", "Sanna-Mari"),
	males("Väinö", "Eero", "Eino", "Ilmari", "Jyrki", "Mikko", "Juha", "Pekka", "Timo",
		"Antti", "Lauri", "Onni", "Veeti", "Aleksi", "Jaakko", "Tapani", "Matti", "Kalle",
		"Jan-Erik", "Ville", "Sakari")...)

var finnishLast = []string{
	"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
	"Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
	"Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Kärkkäinen",
	"Söderström", "Åberg", "Öhman", "Lindqvist", "Ylönen", "Mäki-Petäjä", "Hyvärinen",
	"Räsänen", "Östman", "Väisänen", "Pöyhönen", "Lindholm", "Rantanen", "Seppälä",
	"Kettunen",
}

var englishFirst = append(
	females("Amelia", "Olivia", "Isla", "Ava", "Freya", "Grace", "Emily", "Poppy",
		"Sophie", "Evie", "Siobhán", "Zoë", "Niamh", "Chloé", "Mary-Jane", "Aoife",
		"Harriet", "Imogen", "Ruby", "Beatrice", "Priya"),
	males("Oliver", "George", "Harry", "Noah", "Jack", "Charlie", "Thomas", "Oscar",
		"William", "James", "Seán", "Ciarán", "Rhys", "Dylan", "Aidan", "Tomás", "Callum",
		"Arjun", "Mohammed", "Finley", "Reuben")...)

var englishLast = []string{
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
	"Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
	"Hall", "Wood", "Jackson", "Clarke", "O'Brien", "O'Connor", "Ashworth", "Hargreaves",
	"Fairclough", "Sutcliffe", "Ackroyd", "St. John", "McAllister", "Patel", "Khan",
	"Ahmed", "Smith-Jones", "Holroyd", "Brontë", "Whitaker",
}

// cyrillicNames are written in a script the API refuses.
var cyrillicNames = []string{"Мария", "Иван", "Ольга", "Дмитрий", "Наталья", "Сергей"}

// asciiFold spells a name for an email address: lower case, letters and
// hyphens only, diacritics dropped.
func asciiFold(dst []byte, name string) []byte {
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r == '-':
			dst = append(dst, byte(r))
		case r >= 'A' && r <= 'Z':
			dst = append(dst, byte(r-'A'+'a'))
		default:
			dst = append(dst, foldRune(r)...)
		}
	}
	return dst
}

func foldRune(r rune) string {
	switch r {
	case 'ä', 'Ä', 'á', 'à', 'â', 'å', 'Å':
		return "a"
	case 'ö', 'Ö', 'ó', 'ô':
		return "o"
	case 'ü', 'Ü', 'ú':
		return "u"
	case 'é', 'è', 'ë', 'ê', 'É':
		return "e"
	case 'í', 'ï':
		return "i"
	case 'ç', 'Ç':
		return "c"
	case 'ß':
		return "ss"
	}
	return "" // spaces, apostrophes, periods
}
