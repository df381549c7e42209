package publish

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// DecodeYearsFrom is DecodeYears for a result read from r (run.Result is
// not used): the years not asked for are skipped as they stream past, so
// only the rest of the result and the years asked for are ever held.
func DecodeYearsFrom(run *roads.PlanRun, r io.Reader, years ...int) (*Decoded, error) {
	if run == nil {
		return nil, fmt.Errorf("publish: a plan run is needed")
	}
	keep := map[int]bool{}
	for _, y := range years {
		keep[y] = true
	}
	res, err := streamYears(r, keep)
	if err != nil {
		return nil, fmt.Errorf("rencana #%d: hasil yang tersimpan tidak dapat dibaca (%v); jalankan `ruas plan` lagi", run.ID, err)
	}
	d := &Decoded{run: *run, res: res, keep: keep}
	d.run.Result = nil
	return d, nil
}

// streamYears is decodeYears over a reader. Unlike decodeYears it has no
// whole result to fall back on: a plan year whose "year" is not its first
// key is decoded whole, and a result that is not an object with one
// "years" array is an error.
func streamYears(r io.Reader, keep map[int]bool) (*planner.Result, error) {
	sc := &streamScanner{r: r, buf: make([]byte, 0, 1<<20)}
	if c, err := sc.next(); err != nil || c != '{' {
		return nil, errors.New("a JSON object expected")
	}
	sc.pos++
	rest := []byte{'{'}
	var plan []planner.YearResult
	found := false
	var elem []byte
	for {
		c, err := sc.next()
		if err != nil {
			return nil, err
		}
		if c == '}' {
			sc.pos++
			break
		}
		if c == ',' {
			sc.pos++
			continue
		}
		key, err := sc.value(nil)
		if err != nil || len(key) < 2 || key[0] != '"' {
			return nil, errors.New("a key expected")
		}
		if c, err := sc.next(); err != nil || c != ':' {
			return nil, errors.New("':' expected")
		}
		sc.pos++
		if _, err := sc.next(); err != nil {
			return nil, err
		}
		if string(key) != `"years"` {
			if len(rest) > 1 {
				rest = append(rest, ',')
			}
			rest = append(rest, key...)
			rest = append(rest, ':')
			if rest, err = sc.value(rest); err != nil {
				return nil, err
			}
			continue
		}
		if found {
			return nil, errors.New(`"years" twice`)
		}
		found = true
		if c, _ := sc.next(); c != '[' {
			if v, err := sc.value(nil); err != nil || string(v) != "null" {
				return nil, errors.New(`"years" is not an array`)
			}
			continue
		}
		sc.pos++
		plan = []planner.YearResult{}
		for {
			c, err := sc.next()
			if err != nil {
				return nil, err
			}
			if c == ']' {
				sc.pos++
				break
			}
			if c == ',' {
				sc.pos++
				continue
			}
			year, ok := sc.leadingYear()
			if ok && !keep[year] {
				if _, err := sc.skip(); err != nil {
					return nil, err
				}
				plan = append(plan, planner.YearResult{Year: year})
				continue
			}
			if elem, err = sc.value(elem[:0]); err != nil {
				return nil, err
			}
			var yr planner.YearResult
			if err := json.Unmarshal(elem, &yr); err != nil {
				return nil, err
			}
			plan = append(plan, yr)
		}
	}
	if _, err := sc.next(); err == nil {
		return nil, errors.New("data after the result")
	} else if err != io.EOF {
		return nil, err
	}
	var res planner.Result
	if err := json.Unmarshal(append(rest, '}'), &res); err != nil {
		return nil, err
	}
	res.Plan = plan
	return &res, nil
}

// streamScanner reads JSON from r through a buffer; buf[pos:] is unread.
type streamScanner struct {
	r   io.Reader
	buf []byte
	pos int
	err error
}

// fill reads more into the buffer, keeping buf[pos:]; false at the end.
func (s *streamScanner) fill() bool {
	if s.err != nil {
		return false
	}
	n := copy(s.buf[:cap(s.buf)], s.buf[s.pos:])
	s.buf, s.pos = s.buf[:n], 0
	m, err := s.r.Read(s.buf[n:cap(s.buf)])
	s.buf = s.buf[:n+m]
	if err != nil {
		s.err = err
		return m > 0
	}
	return true
}

// next skips white space and returns the next byte, not consuming it.
func (s *streamScanner) next() (byte, error) {
	for {
		for s.pos < len(s.buf) {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\n', '\r':
				s.pos++
			default:
				return c, nil
			}
		}
		if !s.fill() {
			return 0, s.end()
		}
	}
}

func (s *streamScanner) end() error {
	if s.err == nil || s.err == io.EOF {
		return io.EOF
	}
	return s.err
}

// value appends the JSON value at the reading position to dst.
func (s *streamScanner) value(dst []byte) ([]byte, error) { return s.scan(dst, true) }

// skip reads past the JSON value at the reading position.
func (s *streamScanner) skip() ([]byte, error) { return s.scan(nil, false) }

func (s *streamScanner) scan(dst []byte, keepBytes bool) ([]byte, error) {
	depth := 0
	inString, escaped := false, false
	literal := false
	for {
		if s.pos >= len(s.buf) {
			if !s.fill() {
				if literal && depth == 0 {
					return dst, nil // a literal at the very end
				}
				return dst, io.ErrUnexpectedEOF
			}
		}
		b := s.buf[s.pos:]
		i := 0
	scan:
		for ; i < len(b); i++ {
			c := b[i]
			if inString {
				if escaped {
					escaped = false
					continue
				}
				switch c {
				case '\\':
					escaped = true
				case '"':
					inString = false
					if depth == 0 {
						i++
						break scan
					}
				default:
					// Jump to the next quote or backslash.
					j := bytes.IndexByte(b[i:], '"')
					if j < 0 {
						j = len(b) - i
					}
					if k := bytes.IndexByte(b[i:i+j], '\\'); k >= 0 {
						j = k
					}
					if j == len(b)-i {
						j = -1
					}
					if j < 0 {
						i = len(b) - 1
					} else {
						i += j - 1
					}
				}
				continue
			}
			if literal {
				switch c {
				case ',', '}', ']', ' ', '\t', '\n', '\r':
					break scan
				}
				continue
			}
			switch c {
			case '"':
				inString = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					i++
					break scan
				}
				if depth < 0 {
					return dst, errors.New("unbalanced brackets")
				}
			case ' ', '\t', '\n', '\r', ',', ':':
			default:
				if depth == 0 {
					literal = true
				}
			}
		}
		if keepBytes {
			dst = append(dst, b[:i]...)
		}
		s.pos += i
		if i < len(b) || (!inString && !literal && depth == 0 && i > 0) {
			return dst, nil
		}
	}
}

// leadingYear peeks at a plan year object: its year when "year" is its
// first key, as YearResult is written.
func (s *streamScanner) leadingYear() (int, bool) {
	for len(s.buf)-s.pos < 32 && s.fill() {
	}
	end := min(len(s.buf), s.pos+32)
	raw := s.buf[s.pos:end]
	if i := bytes.IndexAny(raw, ",}"); i >= 0 {
		return leadingYear(raw[:i+1])
	}
	return 0, false
}
