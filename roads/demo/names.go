package demo

import "fmt"

// Street names. Most are real street names of Kota Blitar or names every
// Javanese town uses (heroes, islands, mountains, rivers, flowers, birds,
// trees); the demo puts them on synthetic roads, so a name says nothing
// about where the real street runs.
var (
	// majorNames go on arteri and kolektor links.
	majorNames = []string{
		"Jl. Merdeka", "Jl. Sudanco Supriadi", "Jl. A. Yani", "Jl. Veteran", "Jl. Kalimantan", "Jl. Sultan Agung",
		"Jl. Kartini", "Jl. Diponegoro", "Jl. Imam Bonjol", "Jl. Slamet Riyadi", "Jl. Dr. Wahidin", "Jl. Mastrip",
		"Jl. Ir. Soekarno", "Jl. Moh. Hatta", "Jl. Sudirman", "Jl. Gatot Subroto", "Jl. Tentara Pelajar", "Jl. Pahlawan",
		"Jl. Dr. Sutomo", "Jl. Agus Salim", "Jl. HOS Cokroaminoto", "Jl. S. Parman", "Jl. Urip Sumoharjo", "Jl. Kapten Tendean",
		"Jl. Mayjen Sungkono", "Jl. Letjen Suprapto", "Jl. Pemuda", "Jl. Ciliwung", "Jl. Brantas", "Jl. Tanjung",
		"Jl. Cokro Aminoto", "Jl. Ki Hajar Dewantara", "Jl. Bengawan Solo", "Jl. Anjasmoro",
	}
	// localNames go on lokal links.
	localNames = []string{
		"Jl. Bali", "Jl. Lombok", "Jl. Sumatera", "Jl. Sulawesi", "Jl. Madura", "Jl. Jawa", "Jl. Nias", "Jl. Ambon",
		"Jl. Seram", "Jl. Halmahera", "Jl. Flores", "Jl. Timor", "Jl. Bangka", "Jl. Belitung", "Jl. Lawu", "Jl. Kelud",
		"Jl. Semeru", "Jl. Bromo", "Jl. Kawi", "Jl. Wilis", "Jl. Raung", "Jl. Arjuno", "Jl. Welirang", "Jl. Argopuro",
		"Jl. Merapi", "Jl. Sindoro", "Jl. Sumbing", "Jl. Kerinci", "Jl. Cemara", "Jl. Kenari", "Jl. Jati", "Jl. Mahoni",
		"Jl. Sawo", "Jl. Mangga", "Jl. Manggis", "Jl. Salak", "Jl. Durian", "Jl. Rambutan", "Jl. Kalasan", "Jl. Borobudur",
		"Jl. Mendut", "Jl. Penataran", "Jl. Singosari", "Jl. Majapahit", "Jl. Gajah Mada", "Jl. Hayam Wuruk",
		"Jl. Ken Arok", "Jl. Mojopahit", "Jl. Bengawan", "Jl. Serayu", "Jl. Progo", "Jl. Musi", "Jl. Mahakam",
		"Jl. Kapuas", "Jl. Barito", "Jl. Citarum", "Jl. Cisadane", "Jl. Kampar", "Jl. Asahan", "Jl. Batanghari",
	}
	// smallNames go on lingkungan links, as "Jl. X" or "Gg. X".
	smallNames = []string{
		"Anggrek", "Kenanga", "Melati", "Mawar", "Dahlia", "Flamboyan", "Cempaka", "Teratai", "Seruni", "Kamboja",
		"Bougenville", "Sedap Malam", "Tulip", "Wijaya Kusuma", "Nusa Indah", "Asoka", "Kutilang", "Merpati",
		"Cendrawasih", "Rajawali", "Nuri", "Perkutut", "Cucak Rowo", "Jalak", "Elang", "Kakak Tua", "Belibis",
		"Garuda", "Srikaya", "Belimbing", "Jambu", "Nangka", "Kelapa", "Pisang", "Sukun", "Delima", "Duku",
		"Kedondong", "Mundu", "Pandan", "Bambu", "Waru", "Randu", "Trembesi", "Beringin", "Asem", "Widuri",
		"Kemuning", "Kenongo", "Sakura", "Cendana", "Gaharu", "Pinus", "Akasia", "Ketapang", "Kepuh",
	}
)

var roman = []string{"", " I", " II", " III", " IV", " V", " VI", " VII", " VIII", " IX", " X"}

// namer hands out names from the pools, each at most once: when a pool is
// used up it starts again with the next roman suffix ("Jl. Kenari II"), the
// way cities name the side streets of a street.
type namer struct {
	major, local, small int
	used                map[string]bool
}

func newNamer() *namer { return &namer{used: map[string]bool{}} }

func (n *namer) next(pool []string, i *int, format string) string {
	for {
		base := pool[*i%len(pool)]
		suffix := roman[min(*i/len(pool), len(roman)-1)]
		*i++
		name := fmt.Sprintf(format, base) + suffix
		if !n.used[name] {
			n.used[name] = true
			return name
		}
		if *i > 20*len(pool) {
			name = fmt.Sprintf("%s %d", name, *i)
			n.used[name] = true
			return name
		}
	}
}

// name returns a fresh name for a link of the given function; gang says a
// lingkungan link is an alley (Gg.) rather than a street (Jl.).
func (n *namer) name(major, local, gang bool) string {
	switch {
	case major:
		return n.next(majorNames, &n.major, "%s")
	case local:
		return n.next(localNames, &n.local, "%s")
	case gang:
		return n.next(smallNames, &n.small, "Gg. %s")
	}
	return n.next(smallNames, &n.small, "Jl. %s")
}
