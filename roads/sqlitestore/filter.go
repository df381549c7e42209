package sqlitestore

import (
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// ruasWhere is the filter's SQL condition and its arguments.
func ruasWhere(f roads.RuasFilter) (string, []any) {
	var conds []string
	var args []any
	if !f.Retired {
		conds = append(conds, "id NOT IN ("+standing+")")
	}
	if f.Region != "" {
		conds, args = append(conds, "region = ?"), append(args, f.Region)
	}
	if c, a := scopeWhere(f.Within); c != "" {
		conds, args = append(conds, c), append(args, a...)
	}
	if f.Kecamatan != "" {
		conds, args = append(conds, "(kecamatan_code = ? OR kecamatan = ? COLLATE NOCASE)"), append(args, f.Kecamatan, f.Kecamatan)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, f.Status)
	}
	if f.Surface != "" {
		conds, args = append(conds, "surface = ?"), append(args, f.Surface)
	}
	if f.Search != "" {
		like := "%" + strings.NewReplacer("%", `\%`, "_", `\_`).Replace(f.Search) + "%"
		conds, args = append(conds, `(name LIKE ? ESCAPE '\' OR no_ruas LIKE ? ESCAPE '\')`), append(args, like, like)
	}
	if f.Bound != nil {
		conds = append(conds, "max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?")
		args = append(args, f.Bound.Min[0], f.Bound.Max[0], f.Bound.Min[1], f.Bound.Max[1])
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// auditWhere is the filter's SQL condition and its arguments.
func auditWhere(f roads.AuditFilter) (string, []any) {
	var conds []string
	var args []any
	if f.RuasID != 0 {
		conds, args = append(conds, "ruas_id = ?"), append(args, f.RuasID)
	}
	if f.Entity != "" {
		conds, args = append(conds, "entity = ?"), append(args, f.Entity)
	}
	if f.EntityID != 0 {
		conds, args = append(conds, "entity_id = ?"), append(args, f.EntityID)
	}
	if f.Action != "" {
		conds, args = append(conds, "action = ?"), append(args, f.Action)
	}
	if f.Actor != "" {
		conds, args = append(conds, "actor = ?"), append(args, f.Actor)
	}
	// at is stored as strftime('%Y-%m-%dT%H:%M:%fZ'): fixed width, so
	// text order is time order.
	const atFormat = "2006-01-02T15:04:05.000Z"
	if !f.From.IsZero() {
		conds, args = append(conds, "at >= ?"), append(args, f.From.UTC().Format(atFormat))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "at < ?"), append(args, f.To.UTC().Format(atFormat))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}
