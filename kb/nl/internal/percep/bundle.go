package percep

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Bundle is a model file: named sections of bytes, in the order added.
type Bundle struct {
	names []string
	data  [][]byte
}

// Add appends a section.
func (b *Bundle) Add(name string, data []byte) {
	b.names = append(b.names, name)
	b.data = append(b.data, data)
}

// Section returns the named section, or an error naming it when absent.
func (b *Bundle) Section(name string) ([]byte, error) {
	i := slices.Index(b.names, name)
	if i < 0 {
		return nil, fmt.Errorf("percep: model file has no section %q", name)
	}
	return b.data[i], nil
}

// Encode writes the bundle as: "BND1", a section count, then per section
// its name length, name, data length and data.
func (b *Bundle) Encode(version string) []byte {
	le := binary.LittleEndian
	buf := []byte("BND1")
	buf = le.AppendUint32(buf, uint32(len(version)))
	buf = append(buf, version...)
	buf = le.AppendUint32(buf, uint32(len(b.names)))
	for i, n := range b.names {
		buf = le.AppendUint32(buf, uint32(len(n)))
		buf = append(buf, n...)
		buf = le.AppendUint32(buf, uint32(len(b.data[i])))
		buf = append(buf, b.data[i]...)
	}
	return buf
}

// DecodeBundle reads a bundle written by Encode and returns it with its
// version. Sections share memory with data.
func DecodeBundle(data []byte) (*Bundle, string, error) {
	le := binary.LittleEndian
	p := 0
	next := func() ([]byte, bool) {
		if p+4 > len(data) {
			return nil, false
		}
		n := int(le.Uint32(data[p:]))
		p += 4
		if n < 0 || p+n > len(data) {
			return nil, false
		}
		p += n
		return data[p-n : p], true
	}
	if len(data) < 4 || string(data[:4]) != "BND1" {
		return nil, "", fmt.Errorf("percep: not a model bundle")
	}
	p = 4
	version, ok := next()
	if !ok || p+4 > len(data) {
		return nil, "", errShort
	}
	count := int(le.Uint32(data[p:]))
	p += 4
	b := &Bundle{}
	for range count {
		name, ok1 := next()
		sec, ok2 := next()
		if !ok1 || !ok2 {
			return nil, "", errShort
		}
		b.Add(string(name), sec)
	}
	return b, string(version), nil
}
