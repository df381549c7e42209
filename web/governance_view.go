package web

import (
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// DateTime writes a moment as the reader writes it, in WIB:
// "26/11/2026 14:05 WIB" (id) or "2026-11-26 14:05 WIB" (en).
func (l Locale) DateTime(t time.Time) string { return locale.Lang(l.Lang).DateTime(t) }

// verifView is a verification state as a badge shows it.
type verifView struct {
	V     roads.Verification
	Label string
	Title string // who verified or returned it, when, and why
}

func newVerifView(l Locale, v roads.Verification) verifView {
	st := v.State
	if st == "" {
		st = roads.Draft
	}
	out := verifView{V: roads.Verification{State: st, By: v.By, At: v.At, Note: v.Note}, Label: l.T("verif." + string(st))}
	switch st {
	case roads.Verified:
		out.Title = l.T("verif.by", v.By, l.DateTime(v.At))
	case roads.Returned:
		out.Title = l.T("verif.returned_by", v.By, l.DateTime(v.At), v.Note)
	default:
		out.Title = l.T("verif.draft_note")
	}
	return out
}

// auditTable is what the "audit" template gets.
type auditTable struct {
	L       Locale
	Entries []auditView
}

func init() {
	funcs["verif"] = newVerifView
	funcs["surfaceOf"] = func(code string) roads.Surface { return roads.Surface(code) }
	funcs["auditOf"] = func(l Locale, e []auditView) auditTable { return auditTable{L: l, Entries: e} }
	for k, v := range governanceCatalogue {
		catalogue[k] = v
	}
}

// governanceCatalogue holds the UI text of accounts, verification, the
// audit trail, data quality and the public portal.
var governanceCatalogue = map[string]msg{
	"nav.verify":      {"Verifikasi", "Verification"},
	"nav.quality":     {"Kualitas data", "Data quality"},
	"nav.accounts":    {"Akun", "Accounts"},
	"nav.public":      {"Portal publik", "Public portal"},
	"nav.public_home": {"Ringkasan", "Overview"},
	"nav.programme":   {"Program", "Programme"},
	"nav.login":       {"Masuk", "Sign in"},
	"nav.logout":      {"Keluar", "Sign out"},

	"role.admin":     {"Admin", "Administrator"},
	"role.produsen":  {"Produsen data", "Data producer"},
	"role.walidata":  {"Walidata", "Data custodian (walidata)"},
	"role.perencana": {"Perencana", "Planner"},

	"err.signin":      {"Masuk dulu dengan akun Anda untuk membuka ini.", "Sign in with your account to open this."},
	"err.auth_header": {"Header Authorization harus berbentuk \"Bearer TOKEN\".", "The Authorization header must read \"Bearer TOKEN\"."},
	"err.token":       {"Token API tidak dikenal atau sudah dicabut; minta token baru kepada admin (ruas user token).", "The API token is unknown or revoked; ask an administrator for a new one (ruas user token)."},
	"err.forbidden":   {"Alamat ini belum diberi aturan akses; hubungi admin.", "This address has no access rule; contact an administrator."},
	"err.role":        {"Peran akun Anda tidak boleh melakukan ini.", "Your account's role may not do this."},
	"err.csrf":        {"Formulir kedaluwarsa atau tidak berasal dari aplikasi ini (token CSRF tidak cocok); muat ulang halaman lalu kirim lagi.", "The form expired or did not come from this app (CSRF token mismatch); reload the page and send it again."},

	"login.title":        {"Masuk", "Sign in"},
	"login.intro":        {"Masuk dengan akun yang dibuat admin. Warga dapat membaca data terverifikasi di portal publik tanpa akun.", "Sign in with the account an administrator made for you. Citizens read verified data on the public portal without an account."},
	"login.name":         {"Nama akun", "Account name"},
	"login.password":     {"Kata sandi", "Password"},
	"login.submit":       {"Masuk", "Sign in"},
	"login.wrong":        {"Nama akun atau kata sandi salah.", "Wrong account name or password."},
	"login.limited_name": {"Terlalu banyak percobaan masuk yang gagal untuk akun ini. Tunggu %d detik lalu coba lagi, atau masuk dari peramban yang pernah Anda pakai untuk akun ini (batas ini tidak berlaku di sana).", "Too many failed sign-ins for this account. Wait %d seconds and try again, or sign in from a browser you used for this account before (this limit does not apply there)."},
	"login.limited_ip":   {"Terlalu banyak percobaan masuk yang gagal dari alamat ini. Tunggu %d detik lalu coba lagi.", "Too many failed sign-ins from this address. Wait %d seconds and try again."},
	"login.no_accounts":  {"Belum ada akun. Buat admin pertama di server: ruas user add --name admin --role admin", "There is no account yet. Make the first administrator on the server: ruas user add --name admin --role admin"},
	"login.public":       {"Buka portal publik", "Open the public portal"},

	"verif.draft":          {"draf", "draft"},
	"verif.verified":       {"terverifikasi", "verified"},
	"verif.returned":       {"dikembalikan", "returned"},
	"verif.by":             {"diverifikasi %s, %s", "verified by %s, %s"},
	"verif.returned_by":    {"dikembalikan %s, %s: %s", "returned by %s, %s: %s"},
	"verif.draft_note":     {"belum diverifikasi walidata", "not yet verified by a walidata"},
	"entity.ruas":          {"ruas", "road link"},
	"entity.survey":        {"survei", "survey"},
	"entity.works":         {"penanganan", "works"},
	"entity.traffic":       {"lalu lintas", "traffic"},
	"entity.account":       {"akun", "account"},
	"entity.plan_adoption": {"penetapan program", "programme adoption"},

	"verify.title":         {"Antrean verifikasi", "Verification queue"},
	"verify.intro":         {"Catatan draf dan yang dikembalikan. Periksa, lalu verifikasi atau kembalikan dengan alasan. Anda tidak dapat memverifikasi catatan yang Anda masukkan sendiri.", "Draft and returned records. Check them, then verify them or return them with a reason. You cannot verify records you entered yourself."},
	"verify.what_ruas":     {"data ruas (versi %d)", "link data (version %d)"},
	"verify.what_survey":   {"%d unit survei", "%d survey units"},
	"verify.none":          {"Tidak ada catatan yang menunggu.", "Nothing is waiting."},
	"verify.more":          {"%d lagi; verifikasi yang tampil dulu.", "%d more; verify the ones shown first."},
	"verify.select_all":    {"pilih semua", "select all"},
	"verify.verify":        {"Verifikasi yang dipilih", "Verify selected"},
	"verify.return":        {"Kembalikan yang dipilih", "Return selected"},
	"verify.reason":        {"Alasan pengembalian", "Reason for returning"},
	"verify.done_verified": {"%d catatan diverifikasi.", "%d records verified."},
	"verify.done_returned": {"%d catatan dikembalikan ke produsennya.", "%d records returned to their producers."},
	"verify.col_record":    {"Catatan", "Record"},
	"verify.col_by":        {"Dimasukkan oleh", "Entered by"},
	"verify.col_state":     {"Status", "State"},
	"err.verify_item":      {"Catatan yang dipilih tidak dikenal; muat ulang antrean.", "The selected record is not known; reload the queue."},
	"err.verify_none":      {"Pilih minimal satu catatan.", "Select at least one record."},
	"err.verify_action":    {"Pilih verifikasi atau kembalikan.", "Choose verify or return."},
	"err.verify_reason":    {"Tulis alasan pengembalian agar produsen tahu apa yang diperbaiki.", "Write why the records go back, so that the producer knows what to fix."},
	"err.verify_own":       {"Catatan ini dimasukkan atau terakhir diubah oleh Anda sendiri; walidata lain yang harus memverifikasinya.", "You entered or last edited this record yourself; another walidata must verify it."},

	"audit.title":   {"Riwayat perubahan", "Change history"},
	"audit.recent":  {"Perubahan terakhir", "Latest changes"},
	"audit.all":     {"Lihat seluruh riwayat", "See the whole history"},
	"audit.none":    {"Belum ada perubahan tercatat.", "No change recorded yet."},
	"audit.when":    {"Waktu", "When"},
	"audit.who":     {"Oleh", "By"},
	"audit.what":    {"Perubahan", "Change"},
	"audit.changes": {"Isian: sebelum → sesudah", "Fields: before → after"},
	"audit.insert":  {"tambah", "added"},
	"audit.update":  {"ubah", "changed"},
	"audit.delete":  {"hapus", "deleted"},
	"audit.csv":     {"Unduh jejak audit lengkap (CSV)", "Download the full audit trail (CSV)"},
	"audit.intro":   {"Setiap perubahan ruas ini dan survei, penanganan serta lalu lintasnya — siapa, kapan, dari mana, isian apa dari apa menjadi apa. Jejak ini tidak dapat diubah atau dihapus.", "Every change of this link and its surveys, works and traffic — who, when, from where, which field from what to what. The trail cannot be edited or deleted."},

	"quality.title":               {"Kualitas data (Satu Data Indonesia)", "Data quality (Satu Data Indonesia)"},
	"quality.intro":               {"Pemeriksaan kelengkapan, kemutakhiran, konsistensi dan validitas register terhadap empat prinsip Satu Data (Perpres 39/2019). Setiap temuan menunjuk catatan yang perlu diperbaiki.", "Completeness, timeliness, consistency and validity checks of the register against the four Satu Data principles (Perpres 39/2019). Every finding points at the record to fix."},
	"quality.principle":           {"Prinsip", "Principle"},
	"quality.score":               {"Skor", "Score"},
	"quality.checked":             {"lulus/diperiksa", "passed/checked"},
	"quality.findings":            {"Temuan", "Findings"},
	"quality.fix":                 {"perbaiki", "fix"},
	"quality.recent":              {"Disurvei ≤ 12 bulan", "Surveyed ≤ 12 months"},
	"quality.oldest":              {"Survei terakhir tertua", "Oldest latest survey"},
	"quality.dataset":             {"Dataset", "Dataset"},
	"quality.no_findings":         {"Tidak ada temuan.", "No findings."},
	"quality.more":                {"%d temuan lagi; saring per kecamatan atau prinsip, atau ambil semuanya di /api/v1/quality.", "%d more findings; filter by kecamatan or principle, or get them all from /api/v1/quality."},
	"quality.as_of":               {"Per %s, snapshot %s", "As of %s, snapshot %s"},
	"principle.standar_data":      {"Standar data", "Data standards"},
	"principle.metadata":          {"Metadata", "Metadata"},
	"principle.interoperabilitas": {"Interoperabilitas", "Interoperability"},
	"principle.kode_referensi":    {"Kode referensi", "Reference codes"},
	"dimension.completeness":      {"Kelengkapan", "Completeness"},
	"dimension.timeliness":        {"Kemutakhiran", "Timeliness"},
	"dimension.consistency":       {"Konsistensi", "Consistency"},
	"dimension.validity":          {"Validitas", "Validity"},

	"accounts.title":           {"Akun pengguna", "User accounts"},
	"accounts.new":             {"Akun baru", "New account"},
	"accounts.full_name":       {"Nama lengkap", "Full name"},
	"accounts.role":            {"Peran", "Role"},
	"accounts.password_hint":   {"kosongkan untuk dibuatkan kata sandi acak", "leave empty to generate a random password"},
	"accounts.create":          {"Buat akun", "Create account"},
	"accounts.status":          {"Status", "Status"},
	"accounts.active":          {"aktif", "active"},
	"accounts.disabled":        {"nonaktif", "disabled"},
	"accounts.tokens":          {"Token API", "API tokens"},
	"accounts.changed_by":      {"Diubah oleh", "Changed by"},
	"accounts.set_role":        {"Ganti peran", "Change role"},
	"accounts.disable":         {"Nonaktifkan", "Disable"},
	"accounts.enable":          {"Aktifkan", "Enable"},
	"accounts.reset":           {"Kata sandi baru", "New password"},
	"accounts.token":           {"Token API baru", "New API token"},
	"accounts.secret_password": {"Kata sandi baru akun %s (tampil sekali ini saja; sampaikan lewat jalur aman):", "New password of account %s (shown this once only; pass it on safely):"},
	"accounts.secret_token":    {"Token API baru akun %s (tampil sekali ini saja; kirim sebagai Authorization: Bearer TOKEN):", "New API token of account %s (shown this once only; send as Authorization: Bearer TOKEN):"},
	"accounts.saved":           {"Tersimpan.", "Saved."},
	"accounts.attempts":        {"Percobaan masuk terakhir", "Latest sign-in attempts"},
	"accounts.ok":              {"berhasil", "succeeded"},
	"accounts.failed":          {"gagal", "failed"},
	"accounts.taken":           {"Nama akun sudah dipakai; pilih nama lain.", "The account name is taken; choose another."},
	"accounts.bad_name":        {"Nama akun 2–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung (mis. budi.s).", "Account names have 2–40 characters: lower-case letters, digits, '.', '_' or '-' (e.g. budi.s)."},
	"accounts.bad_password":    {"Kata sandi minimal %d karakter (paling banyak 72 bita).", "Passwords have at least %d characters (at most 72 bytes)."},
	"accounts.bad_role":        {"Pilih peran admin, produsen, walidata atau perencana.", "Choose the role admin, produsen, walidata or perencana."},
	"accounts.bad_op":          {"Perubahan akun tidak dikenal.", "Unknown account change."},
	"accounts.self":            {"Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri; minta admin lain.", "You cannot disable or demote your own account; ask another administrator."},
	"accounts.label":           {"Keterangan token", "Token label"},

	"plan.verified_only":   {"Hanya data terverifikasi walidata (rencana dapat ditetapkan dan dipublikasikan)", "Verified data only (the plan can be adopted and published)"},
	"plan.draft":           {"DRAF — rencana ini dihitung dari data yang memuat %d catatan belum diverifikasi walidata; tidak dapat ditetapkan sebagai program atau dipublikasikan.", "DRAFT — this plan was computed from data holding %d records a walidata has not verified; it cannot be adopted as the programme or published."},
	"plan.draft_unknown":   {"DRAF — status verifikasi data rencana ini tidak tercatat.", "DRAFT — the verification status of this plan's data was not recorded."},
	"plan.verified":        {"Dihitung dari data terverifikasi walidata saja.", "Computed from walidata-verified data only."},
	"plan.adopt":           {"Tetapkan sebagai program", "Adopt as the programme"},
	"plan.adopt_note":      {"Catatan penetapan", "Adoption note"},
	"plan.adopted":         {"Program yang berlaku: ditetapkan oleh %s pada %s; tampil di portal publik.", "The programme in force: adopted by %s on %s; shown on the public portal."},
	"plan.adopt_draft":     {"Rencana draf tidak dapat ditetapkan; jalankan rencana dengan \"hanya data terverifikasi\" lalu tetapkan hasilnya.", "A draft plan cannot be adopted; run the plan on verified data only, then adopt that run."},
	"plan.badge_draft":     {"draf", "draft"},
	"plan.badge_verified":  {"terverifikasi", "verified"},
	"plan.badge_adopted":   {"program", "programme"},
	"err.nothing_verified": {"Belum ada ruas yang diverifikasi walidata; rencana hanya-data-terverifikasi tidak dapat dihitung.", "No link is verified yet; a verified-only plan cannot be computed."},

	"public.title":         {"Portal data jalan", "Road data portal"},
	"public.verified_only": {"Hanya data yang telah diverifikasi walidata. Sumber: %s; data per %s.", "Walidata-verified data only. Source: %s; data as of %s."},
	"public.org":           {"Diterbitkan oleh", "Published by"},
	"public.as_of":         {"Data per", "Data as of"},
	"public.latest_survey": {"Survei terbaru", "Latest survey"},
	"public.verified_at":   {"Verifikasi terakhir", "Latest verification"},
	"public.programme":     {"Program penanganan jalan", "Road works programme"},
	"public.no_programme":  {"Belum ada program penanganan yang ditetapkan.", "No works programme has been adopted yet."},
	"public.adopted":       {"Ditetapkan oleh %s pada %s. Rencana #%d, %d–%d, metode %s.", "Adopted by %s on %s. Plan #%d, %d–%d, method %s."},
	"public.changed":       {"Data telah berubah sejak program ini dihitung; angkanya mencerminkan data saat penetapan.", "The data changed after this programme was computed; its figures reflect the data at adoption."},
	"public.download":      {"Unduh data terbuka (paket Satu Data: CSV, GeoJSON, indikator, metadata)", "Download open data (Satu Data package: CSV, GeoJSON, indicators, metadata)"},
	"public.download_none": {"Paket data terbuka tersedia setelah program ditetapkan.", "The open-data package is available once a programme is adopted."},
	"public.by_kecamatan":  {"Per kecamatan", "By district"},
	"public.by_surface":    {"Per jenis perkerasan", "By surface"},
	"public.no_data":       {"Belum ada data terverifikasi untuk dipublikasikan.", "No verified data to publish yet."},
}
