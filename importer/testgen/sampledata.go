package testgen

// The bundled samples' contents, as text. Every person is invented. The
// tables are checked against the files in samples/ by the package's tests,
// and written there by WriteSamples (go run ./cmd/aniva-gen -samples samples).
// Their lines are the files' records, so many run past 100 columns.

// berlinCSV is praxis-berlin.csv in UTF-8 with LF line ends; the file itself
// is Windows-1252 with CRLF, as German Excel saves "CSV (Trennzeichen-getrennt)".
const berlinCSV = `Patientennr.;Vorname;Nachname;Geschlecht (m/w);Geburtsdatum;E-Mail;Telefon;Größe (m);Gewicht (kg);Sprache;Standort
10231;Maria;Schröder;w;22.03.1985;maria.schroeder@example.com;030 4417823;1,68;64,5;de;acme-clinic-berlin
10232;Jürgen;Weiß;m;07.11.1958;j.weiss@example.org;0171-2345678;1,82;88;de;acme-clinic-berlin
10233;Käthe;Groß;w;15.06.1941;;030/8812345;1,59;58,2;Deutsch;acme-clinic-berlin
10234;Björn;Köhler;m;30.01.1979;bjoern.koehler@example.net;040 3398127;1,91;95,4;de;acme-clinic-hamburg
10235;Anna-Lena;Meißner;w;03.09.1996;annalena.meissner@example.com;0151 23456789;1,72;61;de;acme-clinic-berlin
10236;Hans-Peter;Strauß;m;18.12.1950;;+49 30 5562190;1,76;81,3;de;acme-clinic-berlin
10237;Sören;Jäger;m;25.04.1988;soeren.jaeger@example.org;0176 98765432;1,85;79;en;acme-clinic-hamburg
10238;Bärbel;Fuß;w;09.02.1947;baerbel.fuss@example.com;040/6612398;1,62;70,1;de;acme-clinic-hamburg
10239;Zoë;Albrecht;w;27.08.2001;zoe.albrecht@example.net;+49 171 4455667;1,66;55,8;en;acme-clinic-berlin
10240;Günther;Dörfler;m;11.05.1939;;030 7723001;1,70;74;de;acme-clinic-berlin
10241;Lieselotte;Kühn;w;14.07.2091;l.kuehn@example.org;030 2214567;1,64;60;de;acme-clinic-berlin
10242;Emre;Özdemir;m;19.10.1983;emre.oezdemir@example.com;0172 3344556;1,79;83,6;de;acme-clinic-hamburg
10243;Aylin;Çelik;w;02.12.1992;aylin.celik@example.org;0160 9988776;1,63;57;Deutsch;acme-clinic-hamburg
10244;Friedrich;von Bülow;m;21.03.1944;;+49 (0)40 4451278;1,80;77,5;de;acme-clinic-hamburg
10245;Kla8s;Becker;m;16.08.1961;klaus.becker@example.net;030 6654321;1,75;90,2;de;acme-clinic-berlin
10246;Ursula;Hoffmann;w;28.02.1955;ursula.hoffmann@example.com;0049 30 3312987;1,60;68;de;acme-clinic-berlin
10247;Tobias;Schäfer;m;13.07.1990;tobias.schaefer@example.org;0157 12312345;1,88;86;en;acme-clinic-berlin
10248;Renate;Krüger;w;05.05.1949;;040 5567123;1,58;;de;acme-clinic-hamburg
10249;Mika;Lange;divers;23.09.1998;mika.lange@example.net;0171-9876543;1,74;66;de;acme-clinic-berlin
10250;Stefan;Wagner;m;31.10.1972;stefan.wagner@example.com;030 91234567;1,83;92;de;acme-clinic-berlin
10251;Heike;Neumann;W;17.01.1966;heike.neumann@example.org;;1,69;71,4;DE;acme-clinic-berlin
10252;Mehmet;Çelik;m;26.06.1957;;0176 55512345;1,77;84;de;acme-clinic-hamburg
10253;Anna;Weber;w;14.04.1987;anna.weber@@example.com;030 4567890;1,65;59,5;de;acme-clinic-berlin
10254;Matthias;Zimmermann;m;20.11.1969;m.zimmermann@example.net;+49 40 87654321;1,86;98,7;de;acme-clinic-hamburg
10255;Franziska;Braun;w;08.08.1994;franziska.braun@example.com;0151 98765432;;;en;acme-clinic-berlin
10256;Dieter;Schulz;m;29.12.1945;;030 3345123;1,71;80;de;acme-clinic-berlin
10257;Greta;Lange;w;12.03.2003;greta.lange@example.org;0171-23;1,67;54,3;de;acme-clinic-berlin
10258;Uwe;Fischer;m;24.02.1963;uwe.fischer@example.net;040 2287654;1,78;87,9;de;acme-clinic-hamburg
10259;Sabine;Richter;w;15.09.1975;sabine.richter@example.com;0160 1234567;1,70;65;Deutsch;acme-clinic-berlin
10260;Jonas;Klein;m;01.06.2005;jonas.klein@example.org;+49 170 1234567;1,87;72,6;de;acme-clinic-berlin
10261;Lena;Wolf;w;19.07.1999;lena.wolf@example.com;030 6678123;1,61;52,4;de;acme-clinic-berlin
10262;Klaus;Meyer;m;03.03.1952;klaus.meyer@example.net;089 1234567;1,73;82;de;northwind-clinic-munich
10263;Birgit;Hartmann;w;22.10.1960;;0172 7654321;1,66;73,2;de;acme-clinic-hamburg
10264;René;Koch;m;16.02.1981;rene.koch@example.org;030 2345678;1,84;78,8;;acme-clinic-berlin
10265;Jutta;Schwarz;w;27.05.1948;jutta.schwarz@example.com;040 6543210;1,57;62;de;acme-clinic-hamburg
10266;Felix;Bauer;m;13.12.2002;felix.bauer@example.net;0176 23456789;1,90;76,4;en;acme-clinic-berlin
10267;Marie;Schneider;w;18.04.1991;marie.schneider@example.org;030 55123456;1,68;60,5;de;acme-clinic-berlin
10268;Thorsten;Werner;m;09.09.1967;;+49 40 3216549;1,81;89;de;acme-clinic-hamburg
10269;Leonie;Krause;w;20.01.2004;leonie.krause@example.com;0151 11223344;1,64;;de;acme-clinic-berlin
10270;Ole;Böhm;m;14.08.1936;ole.boehm@example.net;030 8765432;1,69;71;de;acme-clinic-berlin
`

// berlinBad lists praxis-berlin.csv's bad rows by data row, counting from 1.
var berlinBad = map[int]Defect{
	11: FutureBirth, 15: DigitInName, 19: UnknownSex, 23: BrokenEmail,
	27: ImpossiblePhone, 32: ForbiddenGroup,
}

// leedsCSV is clinic-leeds.csv: UTF-8 without BOM, LF line ends, and a free
// text Notes column that no field maps to, with quoted commas, doubled
// quotes and one line break.
const leedsCSV = `First name,Last name,Gender,DOB,Email,Mobile,Height (cm),Weight (kg),Language,Clinic,Notes
Oliver,Ashworth,male,14/03/1982,oliver.ashworth@example.com,+44 7400 123456,178,82.5,en,riverside-clinic-leeds,
Amelia,Hargreaves,female,1990-07-22,amelia.hargreaves@example.org,07712 345678,165,60.2,English,riverside-clinic-leeds,"Prefers morning appointments, text first"
Siobhán,O'Brien,F,23/11/1975,siobhan.obrien@example.net,0113 496 0123,162,68,en,riverside-clinic-leeds,
George,Sutcliffe,M,1948-02-29,george.sutcliffe@example.com,+44 113 496 0457,174,79,en,riverside-clinic-leeds,
Zoë,Fairclough,Female,05/06/2001,zoe.fairclough@example.org,07507 234567,168,57.5,EN,riverside-clinic-leeds,
Seán,O'Connor,Male,17/09/1963,,+44 7723 456789,181,90.4,en,riverside-clinic-leeds,"Referred by ""Dr Whitaker"" at the Headingley practice"
Isla,Patel,female,2004-12-18,isla.patel@example.net,07831 987654,158,50.3,en,riverside-clinic-leeds,
Harry,Ackroyd,male,30/04/1939,harry.ackroyd@example.com,0113 496 0789,170,72,en,riverside-clinic-leeds,
Grace,Holroyd,female,14/02/2091,grace.holroyd@example.org,07944 112233,166,61,en,riverside-clinic-leeds,
Thomas,St. John,male,1986-05-27,thomas.stjohn@example.net,+44 20 7946 0321,185,88,English,riverside-clinic-leeds,
Niamh,Walker,F,21/08/1994,niamh.walker@example.com,07400 654321,171,64.8,en,riverside-clinic-leeds,"Allergy: penicillin
Check again at the next visit"
Jack,Thompson,M,1957-10-13,,07712 112358,176,84.1,en,riverside-clinic-leeds,
Amelia,Hall,female,19/01/1988,amelia.hall@@example.com,07507 998877,164,58,en,riverside-clinic-leeds,
Rhys,Evans,male,1999-03-16,rhys.evans@example.org,+44 7831 246810,183,77.7,en,riverside-clinic-leeds,
Chloé,Wright,female,28/12/1979,chloe.wright@example.net,0161 234 5678,167,70.9,de,riverside-clinic-leeds,
Callum,McAllister,male,1968-06-14,callum.mcallister@example.com,+44 (0)7944 135791,188,101.3,en,riverside-clinic-leeds,
Sam,Roberts,unknown,15/07/1992,sam.roberts@example.org,07400 112244,175,73,en,riverside-clinic-leeds,
Harriet,Clarke,Female,1951-09-25,harriet.clarke@example.net,0113 496 0999,160,66,en,riverside-clinic-leeds,
Arjun,Khan,M,22/02/1985,arjun.khan@example.com,07723 314159,172,75.5,English,riverside-clinic-leeds,
Imogen,Smith-Jones,F,2002-11-19,,+44 7712 271828,169,59.4,en,riverside-clinic-leeds,
William,Taylor,male,13/05/1971,william.taylor@example.org,+44 7400 123,180,85,en,riverside-clinic-leeds,
Priya,Ahmed,female,1996-04-30,priya.ahmed@example.net,07831 161803,155,52,en,riverside-clinic-leeds,
Noah,Wood,male,26/10/2006,noah.wood@example.com,07944 223344,177,66.6,fi,riverside-clinic-leeds,
Evie,Green,female,1945-01-15,evie.green@example.org,0113 496 0246,158,63.3,en,riverside-clinic-leeds,
James,Sm1th,male,18/06/1980,james.smith@example.net,07507 556677,182,88.8,en,riverside-clinic-leeds,
Ruby,Jackson,F,1973-08-21,ruby.jackson@example.com,+44 7723 909090,163,,en,riverside-clinic-leeds,
Ciarán,Davies,M,29/09/1960,ciaran.davies@example.org,+441134960135,179,83,en,riverside-clinic-leeds,
Beatrice,Wilson,female,1937-12-14,,020 7946 0555,154,58.8,en,riverside-clinic-leeds,Hard of hearing; speak clearly
Dylan,Robinson,male,16/11/2003,dylan.robinson@example.net,07400 778899,186,79.9,,riverside-clinic-leeds,
Poppy,White,female,1983-02-17,poppy.white@example.com,07712 667788,170,67,en,northwind-clinic-munich,
Oscar,Brown,Male,20/03/1956,oscar.brown@example.org,0113 496 0678,173,81.2,en,riverside-clinic-leeds,
Aoife,Johnson,female,1991-06-13,aoife.johnson@example.net,+44 7831 101010,166,60,English,riverside-clinic-leeds,
Tomás,Whitaker,male,24/12/1966,tomas.whitaker@example.com,07944 202020,184,95,de,riverside-clinic-leeds,
Freya,Jones,F,1978-07-19,freya.jones@example.org,,168,,en,riverside-clinic-leeds,
Charlie,Williams,M,31/01/1998,charlie.williams@example.net,+44 7400 303030,180,74.4,en,riverside-clinic-leeds,
Emily,Taylor,female,1962-05-28,,07507 404040,161,69.7,en,riverside-clinic-leeds,
Reuben,Green,male,15/10/1949,reuben.green@example.com,0113 496 0321,171,77,EN,riverside-clinic-leeds,
Olivia,Evans,female,2005-09-17,olivia.evans@example.org,+44 7723 505050,167,56.1,en,riverside-clinic-leeds,
Finley,Hall,male,27/02/1987,finley.hall@example.net,07831 606060,190,92.3,en,riverside-clinic-leeds,
Mary-Jane,Walker,female,1958-04-16,mary-jane.walker@example.com,0161 496 1234,159,64,en,riverside-clinic-leeds,
`

var leedsBad = map[int]Defect{
	9: FutureBirth, 13: BrokenEmail, 17: UnknownSex, 21: ImpossiblePhone,
	25: DigitInLastName, 30: ForbiddenGroup,
}

// helsinkiTable is terveys-helsinki.xlsx, one row a line, cells split by
// "|". A birth date in ISO form becomes a date cell; "t:" marks a date typed
// as text; "n:" marks a phone that Excel stored as a number. Heights and
// weights are number cells; everything else is text.
const helsinkiTable = `Etunimi|Sukunimi|Sukupuoli|Syntymäaika|Sähköposti|Puhelin|Pituus (cm)|Paino (kg)|Kieli|Toimipiste
Aino|Virtanen|nainen|1985-03-22|aino.virtanen@example.com|040 7381925|165|61.5|fi|kallio-health-helsinki
Väinö|Mäkinen|mies|1948-11-14|vaino.makinen@example.org|+358 50 4412873|178|84|suomi|kallio-health-helsinki
Päivi|Hämäläinen|nainen|1972-06-30|paivi.hamalainen@example.net|050 318 2290|160|58.2|fi|kallio-health-helsinki
Eero|Järvinen|mies|1990-01-17||044 9023311|183|79.6|fi|kallio-health-helsinki
Helmi|Kärkkäinen|nainen|1939-09-05|helmi.karkkainen@example.com|09 234 5671|152|55|suomi|kallio-health-helsinki
Åsa|Söderström|nainen|1981-12-13|asa.soderstrom@example.org|+358 40 5566778|169|63|en|kallio-health-helsinki
Ilmari|Öhman|mies|1955-04-28|ilmari.ohman@example.net|n:358451239876|175|88.4|fi|kallio-health-helsinki
Tuulikki|Åberg|nainen|1966-02-19||045 6671234|163|70|Suomi|kallio-health-helsinki
Мария|Lindqvist|nainen|1993-07-21|maria.lindqvist@example.com|040 2233445|167|59|en|kallio-health-helsinki
Jyrki|Nieminen|Mies|1961-10-31|jyrki.nieminen@example.org|050 7654321|180|91.2|fi|kallio-health-helsinki
Sini|Mäki-Petäjä|nainen|1998-05-16|sini.maki-petaja@example.net|+358 44 3344556|171|64.5|fi|kallio-health-helsinki
Mikko|Ylönen|mies|t:23.8.1977|mikko.ylonen@example.com|041 5512345|186|94|fi|kallio-health-helsinki
Outi|Heikkilä|nainen|1952-03-14|outi.heikkila@example.org|09 412 3456|158|67.3|suomi|kallio-health-helsinki
Eino|Korhonen|mies|1934-12-25||040 8899001|170|72|fi|kallio-health-helsinki
|Laine|nainen|1988-08-18|l.laine@example.net|050 1122334|164|60|fi|kallio-health-helsinki
Kyllikki|Räsänen|nainen|1944-01-27|kyllikki.rasanen@example.com|n:401928374|155|62.8|fi|kallio-health-helsinki
Antti|Lehtonen|mies|2001-09-13|antti.lehtonen@example.org|+358 50 998 7766|182|77|en|kallio-health-helsinki
Eeva|Saarinen|Nainen|1969-11-22|eeva.saarinen@example.net|044 2211998|166||fi|kallio-health-helsinki
Lauri|Östman|mies|1979-06-15|lauri.ostman@example.com|+358 9 876 5432|177|85.5|Suomi|kallio-health-helsinki
Riikka|Salminen|nainen|1995-02-14|riikka.salminen@example.org|040 6655443|168|57.9|sv|kallio-health-helsinki
Pekka|Heinonen|mies|1950-07-29|pekka.heinonen@example.net|045 1234987|174|80|fi|kallio-health-helsinki
Liisa|Kinnunen|nainen|1987-10-16||050 5544332|162|56|fi|kallio-health-helsinki
Onni|Salonen|mies|2006-04-19|onni.salonen@example.com|040 3141592|179|68.4|fi|kallio-health-helsinki
Kim|Turunen|X|1991-12-28|kim.turunen@example.org|044 2718281|172|70|fi|kallio-health-helsinki
Minna|Väisänen|nainen|1975-05-23|minna.vaisanen@example.net|+358 40 1618033|161|66.1|fi|kallio-health-helsinki
Timo|Pöyhönen|mies|t:14.2.1958|timo.poyhonen@example.com|050 4466880|176|89.9|suomi|kallio-health-helsinki
Hanna|Lindholm|nainen|1983-09-19|hanna.lindholm@example.org|041 7788990|170|62|en|kallio-health-helsinki
Matti|Rantanen|mies|1946-03-17||09 246 8024|168|74.5|fi|kallio-health-helsinki
Venla|Seppälä|nainen|1999-11-30|venla.seppala@example.net|040 1357913|165|58|fi|kallio-health-espoo
Kalle|Kettunen|mies|1964-08-14|kalle.kettunen@example.com|+358 45 2020202|183|96.2|fi|kallio-health-helsinki
Siiri|Hyvärinen|nainen|2003-01-21|siiri.hyvarinen@example.org|050 8080808|166|54.7|fi|kallio-health-helsinki
Jan-Erik|Lindqvist|mies|1956-05-31|jan-erik.lindqvist@example.net|044 5050505|181|83|en|kallio-health-helsinki
Ella|Koskinen|nainen|1997-07-15|ella.koskinen@example.com||163|59.3|fi|kallio-health-helsinki
Tapani|Heikkinen|mies|1942-02-26|tapani.heikkinen@example.org|040 9090909|172|78|suomi|kallio-health-helsinki
Anni|Lehtinen|nainen|1989-04-24|anni.lehtinen@example.net|+358 50 606 0606|169|65|fi|kallio-health-helsinki
Veeti|Niemi|mies|2000-10-18|veeti.niemi@example.com|041 3030303|184|80.5|fi|kallio-health-helsinki
`

var helsinkiBad = map[int]Defect{
	9: CyrillicName, 15: MissingFirstName, 20: UnknownLanguage, 24: UnknownSex,
	29: UnknownGroup,
}
