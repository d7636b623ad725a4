package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// zipBoth writes parts with zipWriter and with archive/zip's Writer
// (CreateRaw), both starting at offset at, and returns the two.
func zipBoth(t *testing.T, parts []Part, at uint64) (ours, std []byte) {
	t.Helper()
	var a, b bytes.Buffer
	z := newZipWriter(&a)
	z.n = at
	for _, p := range parts {
		if err := z.add(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.close(); err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(&b)
	zw.SetOffset(int64(at))
	for _, p := range parts {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc,
			CompressedSize64: uint64(len(p.compressed)), UncompressedSize64: p.size})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(p.compressed); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), b.Bytes()
}

func randomParts(r *rand.Rand, n int) []Part {
	var parts []Part
	for i := range n {
		data := []byte(strings.Repeat(fmt.Sprintf("<c r=\"A%d\"><v>%d</v></c>", i, r.IntN(1000)), r.IntN(40)))
		name := fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		parts = append(parts, Deflate(name, data))
	}
	return parts
}

// The zip is byte for byte what archive/zip writes for the same parts, and
// archive/zip reads every part back; ZipNames lists the names in order.
func TestZipWriterIsArchiveZips(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 10, 300} {
		parts := randomParts(r, n)
		ours, std := zipBoth(t, parts, 0)
		if !bytes.Equal(ours, std) {
			t.Fatalf("%d parts: %d bytes, archive/zip wrote %d, first difference at %d", n, len(ours), len(std), firstDiff(ours, std))
		}
		zr, err := zip.NewReader(bytes.NewReader(ours), int64(len(ours)))
		if err != nil {
			t.Fatal(err)
		}
		if len(zr.File) != n {
			t.Fatalf("%d entries read, %d written", len(zr.File), n)
		}
		for i, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if uint64(len(got)) != parts[i].size || crc32.ChecksumIEEE(got) != parts[i].crc {
				t.Fatalf("%s reads back as %d bytes", f.Name, len(got))
			}
		}
		var names []string
		if err := ZipNames(bytes.NewReader(ours), int64(len(ours)), func(b []byte) { names = append(names, string(b)) }); err != nil {
			t.Fatal(err)
		}
		for i, p := range parts {
			if names[i] != p.name {
				t.Fatalf("entry %d: ZipNames gives %q, written %q", i, names[i], p.name)
			}
		}
	}
}

// More than 65,534 entries, and offsets past 4 GiB, need the zip64 records:
// the same as archive/zip's, and read by it and by ZipNames.
func TestZipWriterZip64(t *testing.T) {
	many := make([]Part, 70000)
	empty := Deflate("x", nil)
	for i := range many {
		many[i] = empty
		many[i].name = fmt.Sprintf("p%d", i)
	}
	far := randomParts(rand.New(rand.NewPCG(3, 4)), 5)
	for _, c := range []struct {
		name  string
		parts []Part
		at    uint64
	}{{"70,000 entries", many, 0}, {"past 4 GiB", far, 1<<32 - 100}} {
		ours, std := zipBoth(t, c.parts, c.at)
		if !bytes.Equal(ours, std) {
			t.Fatalf("%s: %d bytes, archive/zip wrote %d, first difference at %d", c.name, len(ours), len(std), firstDiff(ours, std))
		}
		if c.at == 0 {
			if _, err := zip.NewReader(bytes.NewReader(ours), int64(len(ours))); err != nil {
				t.Fatalf("%s: archive/zip: %v", c.name, err)
			}
		}
		// The file as it would lie on disk: at bytes of something first.
		var n int
		r := &shifted{b: ours, at: int64(c.at)}
		if err := ZipNames(r, int64(c.at)+int64(len(ours)), func([]byte) { n++ }); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if n != len(c.parts) {
			t.Fatalf("%s: ZipNames gave %d names, %d written", c.name, n, len(c.parts))
		}
	}
}

// shifted reads b as if it lay at offset at of a file.
type shifted struct {
	b  []byte
	at int64
}

func (s *shifted) ReadAt(p []byte, off int64) (int, error) {
	if off < s.at {
		return 0, fmt.Errorf("read at %d, before the zip", off)
	}
	n := copy(p, s.b[min(off-s.at, int64(len(s.b))):])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// A zip cut short or damaged is refused, saying so.
func TestZipNamesRefusesDamage(t *testing.T) {
	ours, _ := zipBoth(t, randomParts(rand.New(rand.NewPCG(5, 6)), 4), 0)
	endAt := len(ours) - zipEndLen
	dirAt := int(uint32(ours[endAt+16]) | uint32(ours[endAt+17])<<8 | uint32(ours[endAt+18])<<16 | uint32(ours[endAt+19])<<24)
	cases := map[string][]byte{
		"cut short":            ours[:len(ours)-5],
		"a byte after":         append(slices.Clone(ours), 0),
		"empty":                nil,
		"entry signature":      flip(ours, dirAt),
		"entry name length":    flip(ours, dirAt+29),
		"record count":         flip(ours, endAt+10),
		"directory size":       flip(ours, endAt+12),
		"directory offset":     flip(ours, endAt+16),
		"end record signature": flip(ours, endAt),
		"a comment at the end": flip(ours, endAt+20),
	}
	for name, b := range cases {
		err := ZipNames(bytes.NewReader(b), int64(len(b)), func([]byte) {})
		if err == nil || !strings.Contains(err.Error(), "not a whole zip") && !strings.Contains(err.Error(), "EOF") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func flip(b []byte, at int) []byte {
	c := slices.Clone(b)
	c[at] ^= 0x5a
	return c
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
