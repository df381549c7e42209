package planner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes r to w exactly as json.Marshal(r) encodes it, byte for
// byte, without holding the whole document: each year's works are encoded
// one at a time. A ten-year plan of a million sections is a few hundred
// MB of JSON; json.Marshal held it (and its growing buffer) twice over.
func (r *Result) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	head := *r
	head.Plan = nil
	b, err := json.Marshal(&head)
	if err != nil {
		return err
	}
	if r.Plan == nil {
		bw.Write(b)
		return bw.Flush()
	}
	// The years go where the encoding of the head says null: the only
	// "years" key followed by the do-nothing scenario is the Plan field's.
	pre, post, err := splitAt(b, `"years":null,"do_nothing":`, len(`"years":`))
	if err != nil {
		return err
	}
	bw.Write(pre)
	bw.WriteByte('[')
	for i := range r.Plan {
		if i > 0 {
			bw.WriteByte(',')
		}
		if err := writeYearJSON(bw, &r.Plan[i]); err != nil {
			return err
		}
	}
	bw.WriteByte(']')
	bw.Write(post)
	return bw.Flush()
}

// writeYearJSON writes one year as json.Marshal would, a work at a time.
func writeYearJSON(w *bufio.Writer, y *YearResult) error {
	head := *y
	head.Works = nil
	b, err := json.Marshal(&head)
	if err != nil {
		return err
	}
	if y.Works == nil {
		_, err := w.Write(b)
		return err
	}
	pre, post, err := splitAt(b, `"works":null,"km_per_class":`, len(`"works":`))
	if err != nil {
		return err
	}
	w.Write(pre)
	w.WriteByte('[')
	for i := range y.Works {
		if i > 0 {
			w.WriteByte(',')
		}
		wb, err := json.Marshal(&y.Works[i])
		if err != nil {
			return err
		}
		w.Write(wb)
	}
	w.WriteByte(']')
	_, err = w.Write(post)
	return err
}

// splitAt cuts b where mark begins, keep bytes into mark, and drops the
// "null" that follows them.
func splitAt(b []byte, mark string, keep int) (pre, post []byte, err error) {
	i := bytes.Index(b, []byte(mark))
	if i < 0 || bytes.Contains(b[i+1:], []byte(mark)) {
		return nil, nil, fmt.Errorf("planner: encoding the result: %q not found once", mark)
	}
	return b[:i+keep], b[i+keep+len("null"):], nil
}
