package netfile

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Categories of the reader's findings about text (warnings: rows import).
const (
	CatEncoding  = "encoding_assumed" // the file is not plain UTF-8; which encoding was read
	CatMojibake  = "text_garbled"     // text that looks converted twice ("â€“" for "–")
	CatInvisible = "text_invisible"   // invisible control characters removed from a cell
)

// maxTextWarnings bounds the row-level text warnings of one kind per file;
// the rest are counted in one line.
const maxTextWarnings = 50

// Encoding names, as the import report says them.
const (
	encUTF8      = "UTF-8"
	encUTF8BOM   = "UTF-8 dengan BOM"
	encUTF16LE   = "UTF-16LE"
	encUTF16BE   = "UTF-16BE"
	encUTF16LENo = "UTF-16LE tanpa BOM"
	encCP1252    = "Windows-1252"
)

// decodeText returns b as UTF-8 and the encoding it was read in: a UTF-8
// or UTF-16 byte-order mark decides; UTF-16LE without a mark is known by
// its zero high bytes; valid UTF-8 is UTF-8; anything else is taken for
// Windows-1252, what Excel on Windows saves as "CSV" (Latin-1 plus “ ” –
// — € and friends in 0x80–0x9F, where plain Latin-1 has invisible control
// characters).
func decodeText(b []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return []byte(strings.ToValidUTF8(string(b[3:]), "\ufffd")), encUTF8BOM, nil
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		return utf16Text(b[2:], false), encUTF16LE, nil
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		return utf16Text(b[2:], true), encUTF16BE, nil
	case looksUTF16LE(b):
		return utf16Text(b, false), encUTF16LENo, nil
	case utf8.Valid(b):
		return b, encUTF8, nil
	}
	return cp1252(b), encCP1252, nil
}

// looksUTF16LE: text of mostly ASCII in UTF-16LE has a zero in every odd
// byte; no UTF-8 or Windows-1252 text has zeros at all.
func looksUTF16LE(b []byte) bool {
	n := min(len(b), 4096) &^ 1
	if n < 4 {
		return false
	}
	odd, even := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	return odd*2 > n/2 && even == 0
}

func utf16Text(b []byte, bigEndian bool) []byte {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	s := string(utf16.Decode(u))
	if len(b)%2 == 1 {
		s += "\ufffd"
	}
	return []byte(s)
}

// cp1252High maps the bytes 0x80–0x9F of Windows-1252; the five it leaves
// undefined keep their C1 code (as Windows does) and are then removed as
// invisible characters, with a warning.
var cp1252High = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8d, 'Ž', 0x8f,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9d, 'ž', 'Ÿ',
}

func cp1252(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b) + len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			buf.WriteByte(c)
		case c < 0xa0:
			buf.WriteRune(cp1252High[c-0x80])
		default:
			buf.WriteRune(rune(c))
		}
	}
	return buf.Bytes()
}

// cp1252Byte is the Windows-1252 byte of r, if it has one.
func cp1252Byte(r rune) (byte, bool) {
	if r < 0x80 || r >= 0xa0 && r <= 0xff {
		return byte(r), true
	}
	for i, x := range cp1252High {
		if x == r {
			return byte(0x80 + i), true
		}
	}
	return 0, false
}

// garbled returns the text s was before it was converted twice (UTF-8
// bytes read as Windows-1252 or Latin-1: "PÃ©rez" was "Pérez", "â€“" was
// "–"), or "" when s does not look so.
func garbled(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return ""
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := cp1252Byte(r)
		if !ok {
			return ""
		}
		b = append(b, c)
	}
	if !utf8.Valid(b) || string(b) == s {
		return ""
	}
	return string(b)
}

// invisible reports a character that shows nothing and has no place in a
// name or a number: control characters other than tab and line breaks,
// zero-width and direction marks, soft hyphens, a stray byte-order mark.
func invisible(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r >= 0x7f && r <= 0x9f, r == 0xad:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e,
		r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
		return true
	}
	return false
}

// stripInvisible returns s without invisible characters, and the code
// points removed ("U+0096").
func stripInvisible(s string) (string, []string) {
	var gone []string
	clean := strings.Map(func(r rune) rune {
		if invisible(r) {
			if code := fmt.Sprintf("U+%04X", r); !containsString(gone, code) {
				gone = append(gone, code)
			}
			return -1
		}
		return r
	}, s)
	return clean, gone
}

// noteEncoding says in the report which encoding the file was read in,
// when it was not plain UTF-8.
func (t *Table) noteEncoding() {
	var msg string
	switch t.Encoding {
	case "", encUTF8:
		return
	case encCP1252:
		msg = "berkas bukan UTF-8; dibaca sebagai Windows-1252 (CSV simpanan Excel di Windows) dan diubah ke UTF-8. Periksa nama yang memuat huruf seperti é atau tanda –; bila salah, simpan ulang sebagai \"CSV UTF-8\" lalu impor lagi"
	default:
		msg = "berkas ber-encoding " + t.Encoding + "; dibaca sebagai itu dan diubah ke UTF-8"
	}
	t.Notes = append(t.Notes, Problem{Value: t.Encoding, Category: CatEncoding, Message: msg})
}

// inspectText removes invisible characters from every cell (and header)
// and warns about them and about text that looks converted twice, with
// row and column.
func (t *Table) inspectText() {
	for j, c := range t.Columns {
		t.Columns[j], _ = stripInvisible(c)
	}
	nInv, nBad := 0, 0
	for i := range t.Records {
		rec := &t.Records[i]
		for j, v := range rec.Values {
			if isASCIIPrintable(v) {
				continue
			}
			col := ""
			if j < len(t.Columns) {
				col = t.Columns[j]
			}
			if clean, gone := stripInvisible(v); len(gone) > 0 {
				rec.Values[j] = strings.TrimSpace(clean)
				if nInv++; nInv <= maxTextWarnings {
					t.Notes = append(t.Notes, Problem{Row: rec.Row, Line: rec.Line, Column: col, Value: rec.Values[j], Category: CatInvisible,
						Message: "karakter tak terlihat " + strings.Join(gone, ", ") + " dihapus dari teks; biasanya tanda encoding berkas yang salah"})
				}
				v = rec.Values[j]
			}
			if was := garbled(v); was != "" {
				if nBad++; nBad <= maxTextWarnings {
					t.Notes = append(t.Notes, Problem{Row: rec.Row, Line: rec.Line, Column: col, Value: v, Category: CatMojibake,
						Message: fmt.Sprintf("teks tampak rusak karena salah ubah encoding (mungkin maksudnya %q); diimpor apa adanya. Simpan ulang berkas asalnya sebagai CSV UTF-8 lalu impor lagi", was)})
				}
			} else if strings.ContainsRune(v, utf8.RuneError) {
				if nBad++; nBad <= maxTextWarnings {
					t.Notes = append(t.Notes, Problem{Row: rec.Row, Line: rec.Line, Column: col, Value: v, Category: CatMojibake,
						Message: "teks memuat karakter pengganti (�): huruf aslinya hilang saat berkas disimpan; perbaiki teksnya di berkas asal"})
				}
			}
		}
	}
	for _, x := range []struct {
		n   int
		cat string
	}{{nInv, CatInvisible}, {nBad, CatMojibake}} {
		if x.n > maxTextWarnings {
			t.Notes = append(t.Notes, Problem{Category: x.cat, Count: x.n - maxTextWarnings,
				Message: fmt.Sprintf("dan %s sel lain dengan masalah yang sama (tidak dirinci satu per satu)", Thousands(x.n-maxTextWarnings))})
		}
	}
}

// isASCIIPrintable reports text with nothing to inspect: printable ASCII,
// tabs and line breaks only.
func isASCIIPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
