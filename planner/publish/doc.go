// Package publish turns one stored plan run and the road register into the
// files a city hands on: the SIPD usulan (RKPD/Renja proposal list), the
// e-Walidata (DSSD) indicator rows, the Satu Data package (network with
// condition, CKAN and BPS MS-Ind metadata) and the planning document (PDF)
// a planner attaches to the Renja.
//
// Every export is made from a [Source]: one plan run, its decoded
// [planner.Result] and the register (*roads.Network) as the cmd layer read
// it. All files carry the run's id and data snapshot hash, so a reader can
// tell which plan and which data they show, and they agree with each other:
// km and Rp per sub-kegiatan, and kemantapan per year, are the plan's own
// figures, rounded once in the same way everywhere.
//
// A plan whose register was edited after it ran is "stale". [Load] refuses
// it unless the caller allows it, and then every file says
// "DATA BERUBAH SETELAH RENCANA DIBUAT" instead of silently mixing the
// plan's figures with newer register data.
//
// Files are reproducible: the same run and register give byte-identical
// CSV, JSON, XLSX and PDF. No file reads the clock; dates in document
// metadata are the plan run's creation time.
//
// The package is pure like planner: values in, bytes out, no SQL.
package publish
