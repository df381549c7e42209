package data

import "embed"

// Demo holds what the synthetic demo network (roads/demo) is built on:
// demo/kecamatan.geojson, a coarse, slightly shrunk outline of each of the
// demo city's three kecamatan (roads/demo names the city) and a seed point
// per kelurahan. It is derived
// from "BAKOSURTANAL, BPS" boundaries (via github.com/heru/geodata) only to
// place synthetic roads inside the city; it is not a boundary map. See the
// file's own properties for its origin and derivation.
//
//go:embed demo/*.geojson
var Demo embed.FS
