package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// streamPlan encodes a plan's result once, as it is written: compressed
// for the register and, when jsonPath is set (--out F.json), into a
// temporary file beside it that placeOut later puts in place. A ten-year
// plan of a million sections is a few hundred MB of JSON that is never
// held whole: the register gets about a tenth of it.
func streamPlan(res *planner.Result, jsonPath string) (gz []byte, tmp string, err error) {
	var zb bytes.Buffer
	zw := roads.NewResultWriter(&zb)
	var w io.Writer = zw
	var f *os.File
	if jsonPath != "" {
		if f, err = os.CreateTemp(filepath.Dir(jsonPath), "."+filepath.Base(jsonPath)+".*"); err != nil {
			return nil, "", fmt.Errorf("berkas %s tidak dapat ditulis: %w", jsonPath, err)
		}
		tmp = f.Name()
		w = io.MultiWriter(f, zw)
	}
	err = res.WriteJSON(w)
	if err == nil && f != nil {
		_, err = f.Write([]byte{'\n'})
	}
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(tmp)
			return nil, "", fmt.Errorf("berkas %s tidak dapat ditulis: %w", jsonPath, err)
		}
	}
	if err != nil {
		return nil, "", fmt.Errorf("hasil rencana tidak dapat disusun: %w", err)
	}
	return zb.Bytes(), tmp, nil
}

// placeOut moves a finished temporary file to path, as writeOut does.
func placeOut(tmp, path string) error {
	if err := os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	return nil
}

// writeOutStream is writeOut for a file written as a stream: into a
// temporary file beside path, put in place once complete.
func writeOutStream(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	defer os.Remove(f.Name())
	bw := bufio.NewWriterSize(f, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	return placeOut(f.Name(), path)
}
